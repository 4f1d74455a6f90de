// The built shell's entry (dist/index.js, bundled as CommonJS, so __dirname is the dist folder).
import { start } from './main';

void start({ dir: __dirname });
