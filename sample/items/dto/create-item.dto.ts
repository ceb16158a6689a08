import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class CreateItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Default: 0 */
  @IsOptional()
  @IsInt()
  @Min(0)
  quantity?: number;
}
