import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AlternatorClient,
  AlternatorModule,
  getAlternatorClientToken,
  getAlternatorDocumentClientToken,
} from 'nestjs-alternator';
import { LocalAlternatorCluster } from 'nestjs-alternator/testing';

const credentials = { accessKeyId: 'consumer', secretAccessKey: 'consumer-secret' };

describe('AlternatorModule under ts-jest in CommonJS mode', () => {
  let cluster: LocalAlternatorCluster;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: credentials });
    moduleRef = await Test.createTestingModule({
      imports: [
        AlternatorModule.forRoot({ seedHosts: cluster.seedHosts, port: cluster.port, credentials }),
      ],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await cluster?.stop();
  });

  it('writes an item and reads it back through the injected clients', async () => {
    const client = moduleRef.get<AlternatorClient>(getAlternatorClientToken());
    expect(client.cluster.nodes()).toHaveLength(3);
    await client.send(
      new CreateTableCommand({
        TableName: 'notes',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const documents = moduleRef.get<DynamoDBDocumentClient>(getAlternatorDocumentClientToken());
    await documents.send(new PutCommand({ TableName: 'notes', Item: { id: 'n1', text: 'hi' } }));
    const { Item } = await documents.send(
      new GetCommand({ TableName: 'notes', Key: { id: 'n1' } }),
    );
    expect(Item).toEqual({ id: 'n1', text: 'hi' });
  });
});
