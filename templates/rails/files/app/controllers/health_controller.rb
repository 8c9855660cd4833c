# Rails' own health check (/up), extended to also ask the database: a load balancer
# should stop routing to an instance whose database is unreachable.
class HealthController < Rails::HealthController
  def show
    ActiveRecord::Base.with_connection { |connection| connection.select_value("SELECT 1") }
    super
  end

  private
    # Rails answers 500 when the check fails; 503 says what happened here: the app
    # is up but cannot serve, so take it out of rotation and retry later.
    def render_down
      render html: html_status(color: "red"), status: :service_unavailable
    end
end
