// A service worker for Web Push notifications. Enable the routes in config/routes.rb and
// uncomment the handlers below to use it.
//
// self.addEventListener("push", async (event) => {
//   const { title, options } = await event.data.json()
//   event.waitUntil(self.registration.showNotification(title, options))
// })
//
// self.addEventListener("notificationclick", (event) => {
//   event.notification.close()
//   event.waitUntil(clients.openWindow(event.notification.data.path))
// })
