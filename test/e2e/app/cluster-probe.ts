import { Inject, Injectable } from '@nestjs/common';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InjectAlternatorCluster,
  InjectAlternatorDocumentClient,
  getAlternatorClientToken,
  type AlternatorClient,
  type AlternatorCluster,
} from '../../../lib/index.js';

/** A consumer of the default cluster: the client by token, the rest by decorator. */
@Injectable()
export class ClusterProbe {
  constructor(
    @Inject(getAlternatorClientToken()) readonly client: AlternatorClient,
    @InjectAlternatorDocumentClient() readonly documents: DynamoDBDocumentClient,
    @InjectAlternatorCluster() readonly cluster: AlternatorCluster,
  ) {}
}
