// the imports of src/plugin.tsx as `yarn new` (frontend-plugin) generates it
import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from './routes';
