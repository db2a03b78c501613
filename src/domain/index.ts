export * from './result';
export * from './text';
export * from './time';
export * from './schedule';
export * from './protocol';
export * from './config/defaults';
export * from './config/schema';
export * from './config/validate';
