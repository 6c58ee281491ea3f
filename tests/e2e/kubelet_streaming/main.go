// The streaming half of a kubelet, for the end-to-end tests: the API server
// sends `kubectl port-forward`-style requests for a pod to its node's
// kubelet, and this answers them as a kubelet does (k8s.io/cri-streaming's
// ServePortForward, SPDY or WebSocket), connecting each forwarded port to
// 127.0.0.1:<port>, where the simulated kubelet runs the pod's containers
// (tests/e2e/local_container.hpp). Nothing else of a kubelet is here.
//
//	sparkctl-test-kubelet --port-file FILE   serve HTTPS on a free loopback
//	                                         port and write the port to FILE
//	sparkctl-test-kubelet --version
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"k8s.io/cri-streaming/pkg/streaming/portforward"
)

// Set by the build (-X main.version=...).
var version = "dev"

type loopbackForwarder struct{}

// PortForward copies between the stream and 127.0.0.1:port until either side ends.
func (loopbackForwarder) PortForward(ctx context.Context, pod string, uid string, port int32, stream io.ReadWriteCloser) error {
	defer stream.Close()
	conn, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("pod %s: nothing listens on port %d: %w", pod, port, err)
	}
	defer conn.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(conn, stream)
		if tcp, ok := conn.(*net.TCPConn); ok {
			tcp.CloseWrite()
		}
	}()
	io.Copy(stream, conn)
	wg.Wait()
	return nil
}

// A self-signed certificate: the test API server has no
// --kubelet-certificate-authority, so it does not verify kubelets.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	template := x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "sparkctl-test-kubelet"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, &template, &template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func main() {
	portFile := flag.String("port-file", "", "write the chosen port here once listening")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("sparkctl-test-kubelet", version)
		return
	}
	if *portFile == "" {
		log.Fatal("--port-file is required")
	}
	cert, err := selfSigned()
	if err != nil {
		log.Fatal(err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port

	mux := http.NewServeMux()
	// The kubelet's path: /portForward/{namespace}/{pod}[/{uid}].
	mux.HandleFunc("/portForward/", func(w http.ResponseWriter, req *http.Request) {
		parts := strings.Split(strings.TrimPrefix(req.URL.Path, "/portForward/"), "/")
		if len(parts) < 2 {
			http.Error(w, "expected /portForward/{namespace}/{pod}", http.StatusBadRequest)
			return
		}
		uid := ""
		if len(parts) > 2 {
			uid = parts[2]
		}
		// WebSocket clients name their ports in the query (?port=N), as
		// the API server passes them on; SPDY clients in stream headers.
		options, err := portforward.NewV4Options(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		log.Printf("port-forward to pod %s/%s (%s, ports %v)", parts[0], parts[1], req.Header.Get("Upgrade"), options.Ports)
		portforward.ServePortForward(w, req, loopbackForwarder{}, parts[1], uid, options,
			4*time.Hour, 30*time.Second, portforward.SupportedProtocols)
	})
	server := &http.Server{Handler: mux, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}}

	tmp := *portFile + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d\n", port)), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.Rename(tmp, *portFile); err != nil {
		log.Fatal(err)
	}
	log.Printf("serving on 127.0.0.1:%d", port)
	log.Fatal(server.ServeTLS(listener, "", ""))
}
