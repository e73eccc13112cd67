// packages/app/src/App.tsx of an app on the new frontend system: the sample is
// top-level code of the file; these imports are in scope
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
/*SNIPPET*/
