// the body of an express route handler inside a backend plugin's createRouter()
import express from 'express';
import Router from 'express-promise-router';
import { AuthService, DiscoveryService, HttpAuthService, LoggerService, PermissionsService, RootConfigService, UrlReaderService } from '@backstage/backend-plugin-api';

export async function createRouter(options: {
  auth: AuthService;
  config: RootConfigService;
  discovery: DiscoveryService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  urlReader: UrlReaderService;
}): Promise<express.Router> {
  const { auth, config, discovery, httpAuth, logger, permissions, urlReader } = options;
  const router = Router();
  router.use(express.json());
  router.get('/example', async (req, res) => {
/*SNIPPET*/
    res.end();
  });
  return router;
}
