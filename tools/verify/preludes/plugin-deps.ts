// the options object of registerInit in a backend plugin: the sample is its deps
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';

export const examplePlugin = createBackendPlugin({
  pluginId: 'example',
  register(env) {
    env.registerInit({
/*SNIPPET*/
      async init() {},
    });
  },
});
