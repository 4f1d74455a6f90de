// Setup for the `dom` project (jsdom). Testing Library waits up to 1 s by default for an element
// to appear; a loaded 2-core CI machine running the whole suite can take longer to render a big
// view. Waits still end as soon as the element is there: this only moves the failure point.
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 5_000 });
