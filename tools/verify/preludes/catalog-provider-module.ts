// the imports of src/module.ts as `yarn new` (catalog-provider-module,
// moduleId inventory) generates it
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InventoryProvider } from './provider/InventoryProvider';
