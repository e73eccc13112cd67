// src/router.ts of the hello-world backend plugin (Build a backend plugin), with
// `permissions: PermissionsService` added to its options; the sample adds the
// POST route in place of the tutorial's one
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';

export async function createRouter(options: {
  client: Knex;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  greeting: string;
}): Promise<express.Router> {
  const { client, httpAuth, permissions, greeting } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/greetings', async (_req, res) => {
    const rows = await client('greetings').select('id', 'name', 'created_by').orderBy('id');
    res.json({
      items: rows.map(row => ({
        id: row.id,
        message: `${greeting}, ${row.name}!`,
        createdBy: row.created_by,
      })),
    });
  });

/*SNIPPET*/

  return router;
}
