import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../sample/app.module.js';

/** The variables that point the sample at a cluster; without them it starts its own. */
const ALTERNATOR_VARIABLES = [
  'ALTERNATOR_SEEDS',
  'ALTERNATOR_PORT',
  'ALTERNATOR_ACCESS_KEY_ID',
  'ALTERNATOR_SECRET_ACCESS_KEY',
];

export interface RunningSampleApp {
  /** A supertest agent on the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** Closes the app (and its cluster) and gives back the variables the shell had set. */
  close(): Promise<void>;
}

/**
 * The sample app as `npm start` runs it, booted through @nestjs/testing on its own 3-node
 * cluster: the ALTERNATOR_* variables of the shell running the tests are set aside meanwhile.
 */
export async function startSampleAppOnEmbeddedCluster(): Promise<RunningSampleApp> {
  const shellValues = ALTERNATOR_VARIABLES.map((key) => process.env[key]);
  const restoreShellValues = () =>
    ALTERNATOR_VARIABLES.forEach((key, i) => {
      if (shellValues[i] !== undefined) process.env[key] = shellValues[i];
    });
  for (const key of ALTERNATOR_VARIABLES) delete process.env[key];
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  } catch (error) {
    await app?.close();
    restoreShellValues();
    throw error;
  }
  const started = app;
  return {
    http: () => request(started.getHttpServer() as Server),
    close: async () => {
      await started.close();
      restoreShellValues();
    },
  };
}
