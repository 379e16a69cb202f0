extension Region {
    /// The region as people read it, in `language` ("Europe", "Amérique latine"): a key is never shown. The same
    /// names as the client's `lounge.region.*` strings.
    public func name(in language: Language) -> String {
        let (fr, en, es): (String, String, String) = switch self {
        case .africa: ("Afrique", "Africa", "África")
        case .asiaPacific: ("Asie-Pacifique", "Asia-Pacific", "Asia-Pacífico")
        case .eurasia: ("Eurasie", "Eurasia", "Eurasia")
        case .europe: ("Europe", "Europe", "Europa")
        case .latinAmerica: ("Amérique latine", "Latin America", "América Latina")
        case .middleEastWestAsia: ("Moyen-Orient et Asie de l’Ouest", "Middle East and West Asia", "Oriente Medio y Asia Occidental")
        case .northAmerica: ("Amérique du Nord", "North America", "América del Norte")
        case .metropolis: ("Metropolis (grandes villes)", "Metropolis (large cities)", "Metropolis (grandes ciudades)")
        }
        switch language {
        case .fr: return fr
        case .en: return en
        case .es: return es
        }
    }
}
