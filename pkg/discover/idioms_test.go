package discover

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/netiso/netiso/pkg/discover/source"
)

// scanTestdata reads one file of testdata/ as discover reads it in a tree.
func scanTestdata(t *testing.T, file string) source.Facts {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	f, skipped := source.ScanFile(filepath.Base(file), data)
	if skipped != "" {
		t.Fatalf("%s skipped: %s", file, skipped)
	}
	return f
}

// TestIdiomsFromRealFiles: each idiom as a real application writes it, read from the file in
// testdata: the addresses the line holds, as "kind host port scheme".
func TestIdiomsFromRealFiles(t *testing.T) {
	cases := []struct {
		idiom, file string
		line        int
		want        []string
	}{
		{"Node env default, its port from the URL assembled around it", "robot-shop/src/cart/server.js", 30, // var catalogueHost = process.env.CATALOGUE_HOST || 'catalogue'; 'http://' + catalogueHost + ':8080/product/'
			[]string{"env-default catalogue 8080 "}},
		{"Node env default, a broker's port from the variable's name", "robot-shop/src/cart/server.js", 29, // process.env.REDIS_HOST || 'redis'
			[]string{"env-default redis 0 redis"}},
		{"Node env default URL", "robot-shop/src/user/server.js", 272, // process.env.MONGO_URL || 'mongodb://mongodb:27017/users'
			[]string{"url mongodb 27017 mongodb"}},
		{"Python os.getenv default, its port from a str.format URL", "robot-shop/src/payment/payment.py", 24, // CART = os.getenv('CART_HOST', 'cart'); 'http://{cart}:8080/cart/{id}'.format(cart=CART, id=id)
			[]string{"env-default cart 8080 "}},
		{"Python os.getenv default, AMQP", "robot-shop/src/payment/rabbitmq.py", 6, // os.getenv('AMQP_HOST', 'rabbitmq')
			[]string{"env-default rabbitmq 0 amqp"}},
		{"Go LookupEnv fallback", "robot-shop/src/dispatch/main.go", 181, // amqpHost = "rabbitmq"
			[]string{"host-key rabbitmq 0 amqp"}},
		{"Java getenv helper default", "robot-shop/src/shipping/src/main/java/com/instana/robotshop/shipping/Controller.java", 24, // getenv("CART_ENDPOINT", "cart")
			[]string{"env-default cart 0 "}},
		{"Java getenv == null ? default", "robot-shop/src/shipping/src/main/java/com/instana/robotshop/shipping/JpaConfig.java", 16,
			[]string{"env-default mysql 0 "}},
		{"PHP PDO DSN after ?:", "robot-shop/src/ratings/html/src/Kernel.php", 77, // 'mysql:host=mysql;dbname=ratings;charset=utf8mb4'
			[]string{"dsn mysql 0 mysql"}},
		{"Dockerfile ENV continued", "robot-shop/src/web/Dockerfile", 29, // USER_HOST=user \
			[]string{"host-key user 0 "}},
		{"Dockerfile ENV first of several", "robot-shop/src/web/Dockerfile", 28, // ENV CATALOGUE_HOST=catalogue \
			[]string{"host-key catalogue 0 "}},
		{"JDBC URL", "bank-of-anthos/kubernetes-manifests/ledger-db.yaml", 21, // SPRING_DATASOURCE_URL: jdbc:postgresql://ledger-db:5432/postgresdb
			[]string{"dsn ledger-db 5432 postgresql"}},
		{"ADO.NET connection string", "voting-app/src/worker/Program.cs", 19, // OpenDbConnection("Server=db;Username=postgres;Password=postgres;")
			[]string{"dsn db 0 "}},
		{"a call that connects to its argument, the port from its name", "voting-app/src/worker/Program.cs", 20, // OpenRedisConnection("redis")
			[]string{"host-key redis 0 redis"}},
		{"Python keyword argument", "voting-app/src/vote/app.py", 21, // Redis(host="redis", db=0, socket_timeout=5)
			[]string{"host-key redis 0 "}},
		{"Node postgres URL without a port", "voting-app/src/result/server.js", 21, // connectionString: 'postgres://postgres:postgres@db/postgres'
			[]string{"url db 0 postgres"}},
	}
	for _, tc := range cases {
		t.Run(tc.idiom, func(t *testing.T) {
			f := scanTestdata(t, tc.file)
			var got []string
			for _, lit := range f.Literals {
				if lit.Line != tc.line {
					continue
				}
				for _, ca := range codeAddresses(lit) {
					got = append(got, fmt.Sprintf("%s %s %d %s", ca.kind, ca.addr.host, ca.addr.port, ca.addr.scheme))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("line %d: %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}

// TestEnvReadsFromRealFiles: the reads that decide which keys of a shared ConfigMap count.
func TestEnvReadsFromRealFiles(t *testing.T) {
	cases := []struct {
		idiom, file, want string
		prefix            bool
	}{
		{"Spring @Value with a URL around the placeholder", "bank-of-anthos/src/ledger/ledgerwriter/src/main/java/anthos/samples/bankofanthos/ledgerwriter/LedgerWriterController.java", "BALANCES_API_ADDR", false},
		{"Spring Boot's relaxed binding", "bank-of-anthos/src/ledger/ledgerwriter/pom.xml", "SPRING_", true},
		{"Python os.environ.get", "bank-of-anthos/src/accounts/contacts/contacts.py", "ACCOUNTS_DB_URI", false},
		{"Spring Boot @ConfigurationProperties", "retail-store/src/ui/src/main/java/com/amazon/sample/ui/config/EndpointProperties.java", "RETAIL_UI_ENDPOINTS_", true},
		{"@ConfigurationProperties naming a constant", "retail-store/src/orders/src/main/java/com/amazon/sample/orders/config/messaging/RabbitMQProperties.java", "RETAIL_ORDERS_MESSAGING_RABBITMQ_", true},
		{"Spring @Value of a property", "retail-store/src/cart/src/main/java/com/amazon/sample/carts/web/TopologyController.java", "RETAIL_CART_PERSISTENCE_PROVIDER", false},
		{"a property set in Spring's application.yml", "retail-store/src/orders/src/main/resources/application.yml", "RETAIL_ORDERS_PERSISTENCE_POSTGRES_ENDPOINT", false},
		{"Rust env::var", "aks-store-demo/src/virtual-worker/src/main.rs", "MAKELINE_SERVICE_URL", false},
		{"Node process.env", "aks-store-demo/src/order-service/plugins/messagequeue.js", "ORDER_QUEUE_HOSTNAME", false},
	}
	for _, tc := range cases {
		t.Run(tc.idiom, func(t *testing.T) {
			f := scanTestdata(t, tc.file)
			if !slices.ContainsFunc(f.EnvReads, func(r source.EnvRead) bool { return r.Name == tc.want && r.Prefix == tc.prefix }) {
				t.Errorf("no read of %s (prefix %v) in %+v", tc.want, tc.prefix, f.EnvReads)
			}
		})
	}
}

// TestEnvDefaultsFromRealFiles: the variable a literal is the default of, in forms whose default in
// these files is not a Service (so TestIdiomsFromRealFiles cannot show them).
func TestEnvDefaultsFromRealFiles(t *testing.T) {
	cases := []struct {
		idiom, file string
		line        int
		env         string
	}{
		{"Rust unwrap_or_else", "aks-store-demo/src/virtual-worker/src/main.rs", 10, "MAKELINE_SERVICE_URL"}, // env::var("MAKELINE_SERVICE_URL").unwrap_or_else(|_| "http://localhost:3001".to_string())
		{"Rust unwrap_or_else, another tree", "aks-store-demo/src/product-service/src/config.rs", 18, "AI_SERVICE_URL"},
	}
	for _, tc := range cases {
		t.Run(tc.idiom, func(t *testing.T) {
			f := scanTestdata(t, tc.file)
			if !slices.ContainsFunc(f.Literals, func(l source.Literal) bool { return l.Line == tc.line && l.Env == tc.env }) {
				t.Errorf("no literal at line %d with env %s", tc.line, tc.env)
			}
		})
	}
}
