# A sample model so the test suite exercises the database from the first run.
class Note < ApplicationRecord
  validates :body, presence: true
end
