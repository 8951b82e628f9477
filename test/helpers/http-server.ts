// HTTP GETs for the tests that trace lesson 15's USDT server; the server
// itself is started by the runner's own helper (src/lesson/fixture-server.ts).
import http from "node:http";

export { startUsdtServer, type FixtureServer as Server } from "../../src/lesson/fixture-server.ts";

export function get(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}
