# Rails' own health check (/up), extended to also ask the database: a load balancer
# should stop routing to an instance whose database is unreachable.
# Any exception is turned into the red 500 response by Rails::HealthController.
class HealthController < Rails::HealthController
  def show
    ActiveRecord::Base.with_connection { |connection| connection.select_value("SELECT 1") }
    super
  end
end
