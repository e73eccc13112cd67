// packages/backend/src/index.ts of a generated app, after createBackend()
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
/*SNIPPET*/
backend.start();
