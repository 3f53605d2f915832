export * from './catalogue';
export * from './time';
export * from './world';
export * from './staffing';
