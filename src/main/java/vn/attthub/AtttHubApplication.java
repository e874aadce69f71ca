package vn.attthub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AtttHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(AtttHubApplication.class, args);
    }
}
