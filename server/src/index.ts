export { buildApp, VERSION, type BuildOptions, type JiaohaoApp } from './app';
export { loadConfig, testConfig, type Config } from './config';
export { openDatabase, migrate } from './db/database';
export { Engine, type Clock } from './core/engine';
export { Store } from './core/store';
export { Commands } from './core/commands';
export type { Principal } from './core/principal';
export { DEMO_SETUP, seedOffice, type OfficeSetup } from './seed/seed';
