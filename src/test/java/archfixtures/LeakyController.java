package archfixtures;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.AnyAuthenticatedUser;

import java.sql.ResultSet;
import java.util.List;

@RestController
@AnyAuthenticatedUser
public class LeakyController {
    @GetMapping("/api/v1/leak")
    public List<ResultSet> leak() {
        return List.of();
    }
}
