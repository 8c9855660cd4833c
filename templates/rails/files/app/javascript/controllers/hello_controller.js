import { Controller } from "@hotwired/stimulus"

// Connects to data-controller="hello"
export default class extends Controller {
  static targets = [ "output" ]

  greet() {
    this.outputTarget.textContent = "Hello, Stimulus!"
  }
}
