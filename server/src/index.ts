export { buildApp, VERSION, type BuildOptions, type JiaohaoApp } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { openDatabase, migrate } from './db/database';
export { Engine, type Clock } from './core/engine';
export { CommandBus } from './core/commands';
export { Store, storeEngine } from './store';
export type { Principal } from './core/principal';
export { DEMO_SETUP, seedOffice, type OfficeSetup } from './seed/seed';
export { buildCore, type Core } from './wiring';
