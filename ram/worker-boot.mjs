// Starts the TypeScript worker when the application runs from source (node --import tsx): Node 20
// workers do not inherit the tsx loader, so it is registered here before the worker is imported.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
