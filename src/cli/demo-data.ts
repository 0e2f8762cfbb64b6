// The demo data moved to src/demo (the web's demo sign-in reads it too, and src/cli imports
// the application's root); kept here for the CLI and the tests that import it from here.
export * from '../demo/demo-data';
