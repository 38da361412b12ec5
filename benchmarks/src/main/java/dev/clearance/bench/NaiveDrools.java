package dev.clearance.bench;

import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import dev.clearance.facts.Context;
import dev.clearance.facts.Data;
import dev.clearance.facts.Destination;
import dev.clearance.facts.User;
import dev.clearance.facts.Verdict;
import dev.clearance.internal.engine.DestinationResolver;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The naive Drools baseline: the same pack and facts, but a new KieSession per request, no pooling, no cache —
 * what a first integration of Drools usually looks like.
 */
final class NaiveDrools {
    private final KieBase kieBase;
    private final DestinationResolver resolver;

    NaiveDrools(RulePack pack) {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleFile f : pack.files()) {
            kb.add(ResourceFactory.newByteArrayResource(f.bytes()).setSourcePath(f.path()), ResourceType.DRL);
        }
        if (kb.hasErrors()) {
            throw new IllegalStateException(kb.getErrors().toString());
        }
        var base = org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase();
        base.addPackages(kb.getKnowledgePackages());
        this.kieBase = base;
        this.resolver = new DestinationResolver(pack.catalog());
    }

    Effect decide(PolicyRequest r) {
        List<dev.clearance.Diagnostic> warnings = new ArrayList<>();
        Destination destination = resolver.resolve(r.destination(), warnings);
        Verdict verdict = new Verdict();
        KieSession session = kieBase.newKieSession();
        try {
            session.setGlobal("verdict", verdict);
            session.insert(new Data(
                    r.data().classification(),
                    r.data().classification(),
                    r.data().labels(),
                    0,
                    false));
            session.insert(destination);
            session.insert(new User(r.user().id(), r.user().groups()));
            session.insert(new Context(r.purpose()));
            session.fireAllRules(match -> {
                verdict.enterRule(match.getRule().getName());
                return true;
            });
        } finally {
            session.dispose();
        }
        Effect effect = null;
        for (Verdict.Outcome o : verdict.outcomes()) {
            if (o.effect() == Effect.DENY) {
                return Effect.DENY;
            }
            if (o.effect() == Effect.ALLOW) {
                effect = Effect.ALLOW;
            }
        }
        return effect == null ? Effect.DENY : effect;
    }
}
