import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  BadRequestException,
} from '@nestjs/common';
import { CreateItemDto } from './dto/create-item.dto.js';
import { UpdateItemDto } from './dto/update-item.dto.js';
import type { Item } from './item.js';
import { ItemsService, type ItemPage } from './items.service.js';
import type { SimilarItem } from './similar-items.js';

const MAX_PAGE_SIZE = 100;
const MAX_SIMILAR = 20;

@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Post()
  create(@Body() dto: CreateItemDto): Promise<Item> {
    return this.items.create(dto);
  }

  @Get()
  list(
    @Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number,
    @Query('after') after?: string,
  ): Promise<ItemPage> {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new BadRequestException(`limit must be from 1 to ${MAX_PAGE_SIZE}`);
    }
    return this.items.list(limit, after);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Item> {
    return this.items.get(id);
  }

  /** Items with similar names, most similar first (vector search over name embeddings). */
  @Get(':id/similar')
  similar(
    @Param('id') id: string,
    @Query('limit', new DefaultValuePipe(5), ParseIntPipe) limit: number,
  ): Promise<SimilarItem[]> {
    if (limit < 1 || limit > MAX_SIMILAR) {
      throw new BadRequestException(`limit must be from 1 to ${MAX_SIMILAR}`);
    }
    return this.items.similar(id, limit);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateItemDto): Promise<Item> {
    return this.items.update(id, dto);
  }
}
