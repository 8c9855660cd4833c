# Rails' own health check (/up), extended to also ask the database: a load balancer
# should stop routing to an instance whose database is unreachable.
class HealthController < Rails::HealthController
  def show
    ActiveRecord::Base.with_connection { |connection| connection.select_value("SELECT 1") }
    super
  end

  private
    # Rails answers 500 when the check fails; this one answers 503 Service Unavailable:
    # the app runs but cannot serve, so take it out of rotation and retry later. Like
    # Rails' own, it answers in the format asked for (HTML, or JSON to a JSON client).
    def render_down
      respond_to do |format|
        format.html { render html: html_status(color: "red"), status: :service_unavailable }
        format.json { render json: { status: "down", timestamp: Time.current.iso8601 }, status: :service_unavailable }
      end
    end
end
