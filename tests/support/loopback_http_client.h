// A plain-HTTP/1.1 client for tests against object-store servers on 127.0.0.1 (Azurite,
// fake-gcs-server): one connection per request, Content-Length or chunked replies. Lets the
// store tests run against real servers without libcurl; not for production (no TLS).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "cloud/http_client.h"

namespace delta::test {

class LoopbackHttpClient : public cloud::HttpClient {
 public:
  Result<cloud::HttpResponse> Send(const cloud::HttpRequest& request) override {
    constexpr std::string_view kScheme = "http://";
    if (request.url.rfind(kScheme, 0) != 0) {
      return Status::InvalidArgument("loopback client: not an http URL: " + request.url);
    }
    std::string rest = request.url.substr(kScheme.size());
    size_t slash = rest.find('/');
    std::string host_port = rest.substr(0, slash);
    std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
    size_t colon = host_port.find(':');
    std::string host = host_port.substr(0, colon);
    int port = colon == std::string::npos ? 80 : std::atoi(host_port.c_str() + colon + 1);

    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (fd < 0 ||
        ::inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &addr.sin_addr) !=
            1 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      if (fd >= 0) ::close(fd);
      return Status::IoError("loopback client: cannot connect to " + request.url);
    }
    std::string out = request.method + " " + target + " HTTP/1.1\r\nHost: " + host_port +
                      "\r\nConnection: close\r\n";
    for (const auto& [n, v] : request.headers) out += n + ": " + v + "\r\n";
    if (request.method == "PUT" || request.method == "POST" || !request.body.empty()) {
      out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    }
    out += "\r\n" + request.body;
    for (size_t sent = 0; sent < out.size();) {
      ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        ::close(fd);
        return Status::IoError("loopback client: send failed for " + request.url);
      }
      sent += static_cast<size_t>(n);
    }
    std::string in;
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n < 0) {
        ::close(fd);
        return Status::IoError("loopback client: receive failed for " + request.url);
      }
      if (n == 0) break;
      in.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    size_t head_end = in.find("\r\n\r\n");
    if (in.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) {
      return Status::IoError("loopback client: malformed response from " + request.url);
    }
    cloud::HttpResponse response;
    response.status = std::atoi(in.c_str() + 9);
    size_t line = in.find("\r\n") + 2;
    bool chunked = false;
    while (line < head_end) {
      size_t eol = in.find("\r\n", line);
      std::string header = in.substr(line, eol - line);
      size_t c = header.find(':');
      if (c != std::string::npos) {
        std::string name = header.substr(0, c);
        std::string value = header.substr(header.find_first_not_of(' ', c + 1) == std::string::npos
                                              ? header.size()
                                              : header.find_first_not_of(' ', c + 1));
        response.headers.emplace_back(name, value);
      }
      line = eol + 2;
    }
    std::string_view te = response.Header("Transfer-Encoding");
    chunked = te.find("chunked") != std::string_view::npos;
    std::string body = in.substr(head_end + 4);
    if (chunked) {
      std::string decoded;
      size_t pos = 0;
      while (pos < body.size()) {
        size_t eol = body.find("\r\n", pos);
        if (eol == std::string::npos) break;
        size_t size = std::strtoul(body.c_str() + pos, nullptr, 16);
        if (size == 0) break;
        decoded.append(body, eol + 2, size);
        pos = eol + 2 + size + 2;
      }
      body = std::move(decoded);
    }
    if (request.method != "HEAD") response.body = std::move(body);
    return response;
  }
};

}  // namespace delta::test
