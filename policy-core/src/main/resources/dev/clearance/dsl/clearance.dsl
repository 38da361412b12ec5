# The business DSL of Clearance: rules as sentences, one sentence per line, in .dslr files.
# A pack uses it with `dsl: builtin` in pack.yaml. Each .dslr file starts with the DRL header:
#     package ...;  import dev.clearance.*;  import dev.clearance.facts.*;
#     global dev.clearance.facts.Verdict verdict;
# Sentences are matched in the order below: longer sentences come before their prefixes. A sentence must not
# occur inside the code another expands to (e.g. a bare "allow" would match "verdict.allow(" again).
# The finding a rule matched is `$finding`; a rule can name one finding sentence.

# ------------------------------------------------------------------ the data
[condition][]the data is at least {classification:[A-Z]+}=Data( atLeast(Classification.{classification}) )
[condition][]the data is below {classification:[A-Z]+}=Data( !atLeast(Classification.{classification}) )
[condition][]the data is {classification:[A-Z]+}=Data( classification == Classification.{classification} )
[condition][]the declared classification is {classification:[A-Z]+}=Data( declaredClassification == Classification.{classification} )
[condition][]organization terms raised the classification=Data( raised )
[condition][]the data is labelled "{label}"=Data( labels contains "{label}" )
[condition][]the data is not labelled "{label}"=Data( labels not contains "{label}" )
[condition][]there is data=Data()

# ------------------------------------------------------------------ the destination
[condition][]the destination is not a {tier:[A-Z]+} tool=Destination( tier != Tier.{tier} )
[condition][]the destination is a {tier:[A-Z]+} tool=Destination( tier == Tier.{tier} )
[condition][]the destination is the product "{product}"=Destination( product == "{product}" )
[condition][]the destination is run by "{provider}"=Destination( provider == "{provider}" )
[condition][]the destination is not in the catalog=Destination( !catalogued )
[condition][]the destination does not train on data=Destination( !trainsOnData )
[condition][]the destination trains on data=Destination( trainsOnData )
[condition][]the destination does not retain data=Destination( !retainsData )
[condition][]the destination retains data=Destination( retainsData )
[condition][]the destination has no zero data retention=Destination( !zeroDataRetention )
[condition][]the destination has zero data retention=Destination( zeroDataRetention )
[condition][]people at the provider may read the data=Destination( humanReview )
[condition][]the account did not opt out of training=Destination( trainingOptOut == false )
[condition][]the account opted out of training=Destination( trainingOptOut == true )
[condition][]the training opt-out is unknown=Destination( trainingOptOut == null )

# ------------------------------------------------------------------ what is inside the content
[condition][]there is no secret=not Finding( category == FindingCategory.SECRET )
[condition][]there is a secret=$finding : Finding( category == FindingCategory.SECRET )
[condition][]there is no personal data=not Finding( category == FindingCategory.PII )
[condition][]there is high-risk personal data=$finding : Finding( category == FindingCategory.PII, highRisk )
[condition][]there is personal data that is not high-risk=$finding : Finding( category == FindingCategory.PII, !highRisk )
[condition][]there is personal data=$finding : Finding( category == FindingCategory.PII )
[condition][]there is an organization term that asks for redaction=$finding : Finding( category == FindingCategory.CUSTOM, redact )
[condition][]there is an organization term=$finding : Finding( category == FindingCategory.CUSTOM )
[condition][]there is a finding of type "{type}"=$finding : Finding( type == "{type}" )
[condition][]there is a finding of category {category:[A-Z]+}=$finding : Finding( category == FindingCategory.{category} )

# ------------------------------------------------------------------ who and why
[condition][]the user is not in group "{group}"=User( groups not contains "{group}" )
[condition][]the user is in group "{group}"=User( groups contains "{group}" )
[condition][]the purpose is "{purpose}"=Context( purpose == "{purpose}" )

# ------------------------------------------------------------------ what to do
[consequence][]deny because "{message}"=verdict.deny("{message}");
[consequence][]allow the request because "{message}"=verdict.allow("{message}");
[consequence][]allow the request=verdict.allow();
[consequence][]redact the finding because "{message}"=verdict.redact($finding, "{message}");
[consequence][]redact the finding=verdict.redact($finding);
[consequence][]note "{message}"=verdict.note("{message}");
