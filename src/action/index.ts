import { runAction } from './main';

await runAction();
