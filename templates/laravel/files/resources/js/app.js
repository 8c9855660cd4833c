// Entry point bundled by Vite (vite.config.js); import your modules from here.
