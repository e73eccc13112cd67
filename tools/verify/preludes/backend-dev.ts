// the imports of a backend plugin's dev/index.ts as `yarn new` (backend-plugin) generates it
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
