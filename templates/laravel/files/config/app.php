<?php

return [

    /*
    |--------------------------------------------------------------------------
    | Application Name, Environment, Debug Mode and URL
    |--------------------------------------------------------------------------
    |
    | The name appears in notifications and other UI elements. The environment
    | and debug mode come from ".env"; never enable debug mode in production,
    | where it would show stack traces to your visitors. The URL is used by the
    | console to generate URLs when using the Artisan command line tool.
    |
    */

    'name' => env('APP_NAME', 'Laravel'),

    'env' => env('APP_ENV', 'production'),

    'debug' => (bool) env('APP_DEBUG', false),

    'url' => env('APP_URL', 'http://localhost'),

    /*
    |--------------------------------------------------------------------------
    | Timezone and Locale
    |--------------------------------------------------------------------------
    */

    'timezone' => 'UTC',

    'locale' => env('APP_LOCALE', 'en'),

    'fallback_locale' => env('APP_FALLBACK_LOCALE', 'en'),

    'faker_locale' => env('APP_FAKER_LOCALE', 'en_US'),

    /*
    |--------------------------------------------------------------------------
    | Encryption Key
    |--------------------------------------------------------------------------
    |
    | Used by Laravel's encrypter, cookies and signed URLs. It must be a random
    | 32 byte key ("php artisan key:generate" writes one to ".env"). Previous
    | keys keep data encrypted with them readable while you rotate the key.
    |
    */

    'cipher' => 'AES-256-CBC',

    'key' => env('APP_KEY'),

    'previous_keys' => [
        ...array_filter(
            explode(',', (string) env('APP_PREVIOUS_KEYS', ''))
        ),
    ],

    /*
    |--------------------------------------------------------------------------
    | Maintenance Mode Driver
    |--------------------------------------------------------------------------
    |
    | The "cache" driver lets maintenance mode be controlled across several
    | machines. Supported drivers: "file", "cache"
    |
    */

    'maintenance' => [
        'driver' => env('APP_MAINTENANCE_DRIVER', 'file'),
        'store' => env('APP_MAINTENANCE_STORE', 'database'),
    ],

];
