import type { HandlersFor } from '../context';

export const syncHandlers: HandlersFor<'sync'> = {
  'sync.status': (_input, { sync }) => sync.overview(),
  'sync.connect': (input, { sync }) => sync.connect(input),
  'sync.disconnect': (_input, { sync }) => sync.disconnect(),
  'sync.now': (_input, { sync }) => sync.syncNow(),
};
