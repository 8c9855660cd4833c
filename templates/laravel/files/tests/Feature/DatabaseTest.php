<?php

namespace Tests\Feature;

use App\Models\User;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Tests\TestCase;

class DatabaseTest extends TestCase
{
    use RefreshDatabase;

    /**
     * A row written through Eloquent can be read back from the database.
     */
    public function test_a_user_is_stored_and_read_back(): void
    {
        $user = User::factory()->create(['email' => 'ada@example.com']);

        $this->assertSame('ada@example.com', User::findOrFail($user->id)->email);
        $this->assertDatabaseHas('users', ['email' => 'ada@example.com']);
    }
}
