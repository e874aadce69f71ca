package archfixtures;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UndeclaredController {
    @GetMapping("/api/v1/forgotten")
    public String forgotten() {
        return "no access rule";
    }
}
