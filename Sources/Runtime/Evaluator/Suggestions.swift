import Lang

/// The closest of `candidates` to a misspelt `name`, for "did you mean" hints; nil when nothing
/// is close. Delegates to the language front end's matcher so every hint uses one rule.
func suggestName(for name: String, among candidates: [String]) -> String? {
    closestMatch(to: name, among: candidates)
}

/// Keywords of the language, offered by completion and by did-you-mean for unknown names.
public let languageKeywords = ["if", "else", "for", "in", "fn", "return", "source", "and", "or", "not", "true", "false", "nil"]
