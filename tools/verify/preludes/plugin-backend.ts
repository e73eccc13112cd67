// the body of init() in a backend plugin, with the core services as deps
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';

export const examplePlugin = createBackendPlugin({
  pluginId: 'example',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
      },
      async init({
        auth, config, database, discovery, httpAuth, httpRouter, logger,
        permissions, permissionsRegistry, scheduler, urlReader, userInfo,
      }) {
/*SNIPPET*/
      },
    });
  },
});
