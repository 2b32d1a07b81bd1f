// delay_proxy: a loopback HTTP proxy for bench/run_objstore.sh. Every request waits a fixed
// delay before it is forwarded to the object store; the proxy counts requests and the peak
// number in flight. Standard library only:
//
//	go build -o delay-proxy bench/delay_proxy.go
//	delay-proxy -upstream 127.0.0.1:7070 -listen 127.0.0.1:0 -port-file /tmp/port
//
// The delay stands in for the round trip to a remote store (the store itself is on loopback).
// Requests are forwarded with their Host header unchanged, so SigV4 signatures made for the
// proxy's address stay valid: the store checks them against the Host it receives.
//
// Control (paths no S3 client sends):
//
//	GET /__proxy/reset?delay_ms=20  zero the counters and set the delay
//	GET /__proxy/stats              {"requests", "peak_in_flight", "delay_ms", "by_method"}
//	GET /__proxy/trace              every request since the reset: method, path, range,
//	                                start and end in ms since the reset (to see the chain of
//	                                dependent round trips a load makes)
//
// A request is in flight from the moment its header arrives until its response has been
// sent in full.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"
)

type traced struct {
	Method  string  `json:"method"`
	Path    string  `json:"path"`
	Range   string  `json:"range,omitempty"`
	StartMs float64 `json:"start_ms"`
	EndMs   float64 `json:"end_ms"`
}

type stats struct {
	mu       sync.Mutex
	since    time.Time
	trace    []traced
	delay    time.Duration
	requests int64
	inFlight int64
	peak     int64
	byMethod map[string]int64
}

func (s *stats) begin(method string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.byMethod[method]++
	s.inFlight++
	if s.inFlight > s.peak {
		s.peak = s.inFlight
	}
	return s.delay
}

func (s *stats) end(r *http.Request, start time.Time) {
	s.mu.Lock()
	s.inFlight--
	ms := func(t time.Time) float64 { return float64(t.Sub(s.since)) / float64(time.Millisecond) }
	s.trace = append(s.trace, traced{r.Method, r.URL.RequestURI(), r.Header.Get("Range"),
		ms(start), ms(time.Now())})
	s.mu.Unlock()
}

func (s *stats) snapshot() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	by := map[string]int64{}
	for k, v := range s.byMethod {
		by[k] = v
	}
	return map[string]any{"requests": s.requests, "peak_in_flight": s.peak,
		"delay_ms": float64(s.delay) / float64(time.Millisecond), "by_method": by}
}

func main() {
	upstream := flag.String("upstream", "", "host:port of the store")
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	delayMs := flag.Float64("delay-ms", 0, "delay added to every request")
	portFile := flag.String("port-file", "", "write the chosen port here")
	flag.Parse()
	if *upstream == "" {
		log.Fatal("-upstream is required")
	}
	st := &stats{delay: time.Duration(*delayMs * float64(time.Millisecond)),
		byMethod: map[string]int64{}, since: time.Now()}
	target := &url.URL{Scheme: "http", Host: *upstream}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024,
		DisableCompression: true, IdleConnTimeout: 90 * time.Second}
	proxy.FlushInterval = -1 // pass bytes on as they come

	// No ServeMux: it would clean (and redirect) keys with "//" or "..".
	reset := func(w http.ResponseWriter, r *http.Request) {
		st.mu.Lock()
		st.requests, st.inFlight, st.peak = 0, 0, 0
		st.byMethod = map[string]int64{}
		st.trace, st.since = nil, time.Now()
		if d := r.URL.Query().Get("delay_ms"); d != "" {
			if ms, err := strconv.ParseFloat(d, 64); err == nil {
				st.delay = time.Duration(ms * float64(time.Millisecond))
			}
		}
		st.mu.Unlock()
		json.NewEncoder(w).Encode(st.snapshot())
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/__proxy/reset":
			reset(w, r)
			return
		case "/__proxy/stats":
			json.NewEncoder(w).Encode(st.snapshot())
			return
		case "/__proxy/trace":
			st.mu.Lock()
			json.NewEncoder(w).Encode(st.trace)
			st.mu.Unlock()
			return
		}
		start := time.Now()
		delay := st.begin(r.Method)
		defer st.end(r, start)
		time.Sleep(delay)
		proxy.ServeHTTP(w, r)
	})

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if *portFile != "" {
		if err := os.WriteFile(*portFile, []byte(strconv.Itoa(port)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Fprintf(os.Stderr, "delay proxy on 127.0.0.1:%d -> %s\n", port, *upstream)
	log.Fatal(http.Serve(ln, handler))
}
