require "test_helper"

class NoteTest < ActiveSupport::TestCase
  test "saves a note and reads it back" do
    note = Note.create!(body: "Remember the milk")

    assert_equal "Remember the milk", Note.find(note.id).body
  end

  test "loads the fixtures" do
    assert_equal "Welcome to your new Rails application", notes(:welcome).body
  end

  test "requires a body" do
    assert_not Note.new(body: "").valid?
  end
end
