// What tests of every web client use: a socket whose server the test plays.
export { FakeSocket } from './fake-socket';
