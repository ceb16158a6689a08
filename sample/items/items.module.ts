import { Module } from '@nestjs/common';
import { ItemsController } from './items.controller.js';
import { ItemsService } from './items.service.js';
import { ItemsTable } from './items-table.js';
import { SimilarItems } from './similar-items.js';

@Module({
  controllers: [ItemsController],
  providers: [ItemsService, ItemsTable, SimilarItems],
})
export class ItemsModule {}
