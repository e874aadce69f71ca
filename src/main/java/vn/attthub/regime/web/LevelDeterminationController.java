package vn.attthub.regime.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.regime.LevelDetermination;
import vn.attthub.regime.LevelRules;
import vn.attthub.regime.MatchedRule;
import vn.attthub.shared.AnyAuthenticatedUser;

import java.util.List;

/**
 * Evaluates the level criteria of the regime in force (Decree 85/2016 Art 7-11, Art 5.2; DOMAIN.md D1-D3). Open to
 * any signed-in user: it reads no record and reveals nothing but the law.
 */
@RestController
class LevelDeterminationController {
    private final LevelRules rules;

    LevelDeterminationController(LevelRules rules) {
        this.rules = rules;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LevelDeterminationResponse(Integer level, String regime, List<MatchedRule> matched,
                                      boolean needsJustification) {
        static LevelDeterminationResponse of(LevelDetermination d) {
            return new LevelDeterminationResponse(d.level(), d.regime(), d.matched(), d.needsJustification());
        }
    }

    @PostMapping("/api/v1/level-determinations")
    @AnyAuthenticatedUser
    LevelDeterminationResponse determine(@RequestBody LevelDeterminationRequest body) {
        return LevelDeterminationResponse.of(rules.determine(body.inputs()));
    }
}
