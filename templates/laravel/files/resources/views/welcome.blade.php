<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">

        <title>{{ config('app.name', 'Laravel') }}</title>

        {{-- Vite assets once "npm run build" (or "npm run dev") has produced them --}}
        @if (file_exists(public_path('build/manifest.json')) || file_exists(public_path('hot')))
            @vite(['resources/css/app.css', 'resources/js/app.js'])
        @else
            <style>
                body { font-family: ui-sans-serif, system-ui, sans-serif; margin: 0; min-height: 100vh;
                       display: grid; place-items: center; background: #fdfdfc; color: #1b1b18; }
                @media (prefers-color-scheme: dark) { body { background: #0a0a0a; color: #ededec; } }
                main { max-width: 40rem; padding: 2rem; }
            </style>
        @endif
    </head>
    <body class="min-h-screen grid place-items-center bg-[#FDFDFC] text-[#1b1b18] dark:bg-[#0a0a0a] dark:text-[#EDEDEC]">
        <main class="max-w-2xl p-8">
            <h1 class="text-3xl font-semibold">{{ config('app.name') }}</h1>
            <p class="mt-4">
                Your Laravel {{ app()->version() }} application is running on PHP {{ PHP_VERSION }}.
            </p>
            <p class="mt-4">
                Read the <a class="underline" href="https://laravel.com/docs">documentation</a> to get started.
            </p>
        </main>
    </body>
</html>
