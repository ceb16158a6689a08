import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A table keyed by the string `pk`; the local cluster creates tables ACTIVE at once. */
export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
