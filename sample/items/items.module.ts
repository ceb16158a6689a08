import { Module } from '@nestjs/common';
import { ItemsController } from './items.controller.js';
import { ItemsService } from './items.service.js';
import { ItemsTable } from './items-table.js';

@Module({
  controllers: [ItemsController],
  providers: [ItemsService, ItemsTable],
})
export class ItemsModule {}
