"""The packaged IPTC Media Topics lexicon: general news vocabulary per topic.

Written for this project from ordinary English news usage, not from any page or
the labelled set. ``TERMS[target][weight]`` is a space-separated list; a target
is a top-level code ("16") or a second-level Media Topic id; a second-level
term also counts for its parent. ``word*`` matches any word starting with
``word``; ``a_b`` is the two-word phrase "a b".
"""

from __future__ import annotations

__all__ = ["SUBTOPICS", "TERMS", "TOP_LEVEL"]

#: The 17 top-level IPTC Media Topics: code -> official English label.
TOP_LEVEL: dict[str, str] = {
    "01": "arts, culture, entertainment and media",
    "02": "crime, law and justice",
    "03": "disaster, accident and emergency incident",
    "04": "economy, business and finance",
    "05": "education",
    "06": "environment",
    "07": "health",
    "08": "human interest",
    "09": "labour",
    "10": "lifestyle and leisure",
    "11": "politics",
    "12": "religion",
    "13": "science and technology",
    "14": "society",
    "15": "sport",
    "16": "conflict, war and peace",
    "17": "weather",
}

#: Second- (and one third-) level topics we emit: id -> (parent code, label, level).
SUBTOPICS: dict[str, tuple[str, str, int]] = {
    "20000002": ("01", "arts and entertainment", 2),
    "20000045": ("01", "mass media", 2),
    "20000082": ("02", "crime", 2),
    "20000106": ("02", "judiciary", 2),
    "20000129": ("02", "law enforcement", 2),
    "20000139": ("03", "accident and emergency incident", 2),
    "20000148": ("03", "disaster", 2),
    "20000168": ("03", "emergency response", 2),
    "20000344": ("04", "economy", 2),
    "20000385": ("04", "market and exchange", 2),
    "20000400": ("05", "school", 2),
    "20000418": ("06", "climate change", 2),
    "20000420": ("06", "conservation", 2),
    "20000424": ("06", "environmental pollution", 2),
    "20000446": ("07", "diseases and conditions", 2),
    "20000461": ("07", "health facility", 2),
    "20000536": ("09", "unions", 2),
    "20000523": ("09", "labour market", 2),
    "20000574": ("11", "election", 2),
    "20000593": ("11", "government", 2),
    "20000638": ("11", "international relations", 2),
    "20000639": ("11", "diplomacy", 3),
    "20000703": ("12", "religious leader", 2),
    "20000697": ("12", "religious facility", 2),
    "20000735": ("13", "scientific research", 2),
    "20000756": ("13", "technology and engineering", 2),
    "20000771": ("14", "immigration", 2),
    "20000775": ("14", "discrimination", 2),
    "20001108": ("15", "sport event", 2),
    "20000056": ("16", "armed conflict", 2),
    "20000053": ("16", "act of terror", 2),
    "20000065": ("16", "civil unrest", 2),
    "20000070": ("16", "coup d'etat", 2),
    "20000073": ("16", "peace process", 2),
    "20001128": ("17", "weather forecast", 2),
    "20001129": ("17", "weather phenomena", 2),
    "20001131": ("17", "weather warning", 2),
}

TERMS: dict[str, dict[float, str]] = {
    "01": {
        3: """museum's painter's artworks masterpiece* sculptures gallery's exhibit exhibits
        exhibited curated gig gigs tour_dates record_label choreographer filmmakers
        cinemas screening screenings novelist's memoir poems playwright's musical's
        orchestra's conductor's pianist violinist cellist opera_house theatre_company
        box_office_hit streaming_platform podcast* bestselling literary_prize
        book_prize art_fair art_market auction_house sotheby's christie's
        heritage_site world_heritage looted_artefacts artefact* antiquities
        restitution film films filmmaker* movie* cinema* actor actors actress*
        novelist novelists album albums orchestra* exhibition* museum museums gallery
        galleries painting paintings painter* sculpture* ballet theatre* theater*
        playwright* poet poets poetry grammy* box_office screenplay documentary
        documentaries sitcom singer* songwriter* rapper* musician* artwork* literary
        literature bestseller* broadway hollywood bollywood eurovision song_contest
        dancer* choreograph* composer* symphony biennale curator* film_festival
        music_festival art_exhibition booker emmy emmys director's box-office animated
        sculptor* artists artist soundtrack pop_star premiere premiered opera operas
        operatic concert concerts oscars oscar-winning oscar_nomination
        oscar_nominations reunion_tour stadium_shows rock_group rock_band world_tour
        farewell_tour""",
        2: """festival heritage cultural culture author authors book books netflix
        broadcaster* newspaper* journalist* press_freedom media_outlet*
        streaming_service tv_series television_series series_finale band bands songs
        song music musical theatrical actors' auction auctioned manuscript* poem*
        comedian* comedy drama_series video_game* publisher* publishing editor*
        celebrity museums' tour_dates novel novels""",
        1: """media television tv radio audience* award awards prize archive* magazine*
        reporter* reporters broadcast* stage drama""",
        0.5: "show shows stars star fans",
    },
    "20000045": {
        2: "journalist* newspaper* broadcaster* press_freedom reporter* editor* magazine*",
    },
    "20000002": {
        2: "film films movie* concert* album* singer* actor* actress* festival music",
    },
    "02": {
        3: """burglary burglaries shoplifting pickpocket* carjack* arson arsonist* vandal*
        looting poacher* smuggler* fraudster* con_artist swindl* blackmail* stalking
        harassment assaulted killer killers murderer* serial_killer gunfire shot_at
        shootout accused_of charged_with pleaded court_case tribunal magistrate*
        barrister* solicitor* prosecuted indictment jailed_for sentenced_to
        years_in_prison behind_bars police_officers police_chief interpol detectives
        investigators_said forensic_evidence dna_evidence crime_scene stolen_painting
        recovered_stolen murder* homicide* stabbing* stabbed robbery robberies robbed
        burglar* theft thefts fraud* smuggl* trafficking trafficker* kidnap* convicted
        conviction* sentenced jail* jailed jury juror* verdict* prosecutor* indict*
        lawsuit* sued acquitted acquittal defendant* crime crimes criminal criminals
        cocaine heroin laundering bribery bribe* extradit* pleaded_guilty guilty
        manslaughter rape raped sexual_abuse hate_crime fugitive* manhunt heist
        extortion arrest_warrant organised_crime organized_crime court_heard testified
        testimony forensic* scam scams scammer* custody detained gunman shot_dead
        police_said police_arrested arrests arrest arrested prison_sentence
        life_sentence suspended_sentence charged prosecution prosecutors sentencing
        fined embezzl* gang gangs cartel* counterfeit* ransom ransomware
        drug_trafficking drug_dealer* contraband wiretap* parole hacker* steal steals
        stole stealing thief thieves broke_in break-in burgled mugged mugging
        pickpockets""",
        2.5: "cyberattack cyberattacks data_breach",
        2: """prison prisons suspect suspects court courts judge judges lawyer* attorney*
        charges appeal_court supreme_court high_court police detective* investigation
        stolen looted warrant* ruling ruled unlawful illegal illegally law_enforcement
        cybercrime lawful legal_case case_against crackdown raid raids seized seizure*
        probe confiscat* corruption trial investigators gunmen""",
        1: """law laws legal justice shooting shot killed violence police_officer* officers
        inquiry alleged allegedly accused accusation* witness witnesses weapon victim
        attackers""",
    },
    "20000082": {
        2: "murder* robbery fraud* theft smuggl* trafficking kidnap* gang* cartel* scam*",
    },
    "20000106": {
        2: "court courts judge* jury verdict* trial sentenced acquitted prosecutor*",
    },
    "20000129": {
        2: "police arrest* arrested detective* raid raids manhunt suspect*",
    },
    "03": {
        3: """wreckage survivor injured_people casualty rescue_crews rescue_workers
        emergency_crews fire_crews firefighters_battled burning evacuees
        evacuation_orders disaster_zone relief_efforts aid_workers missing_persons
        toll earthquake* quake* tremor* tsunami* flood flooding floods floodwater*
        flooded wildfire* forest_fire* bushfire* landslide* mudslide* avalanche*
        eruption* erupted volcano* plane_crash train_crash capsiz* shipwreck*
        gas_explosion building_collapse death_toll survivors rescuers
        search_and_rescue disaster disasters aftershock* magnitude epicentre epicenter
        seismic rubble firefighters blaze emergency_services state_of_emergency
        evacuated evacuation* evacuate collision collided accident accidents
        crash_site plane_crashed bus_crash car_crash road_accident sank sinking
        stampede mine_collapse rescue_teams rescue_operation rescue_workers
        emergency_workers trapped missing_people recovered_bodies natural_disaster
        airliner runway skidded skids skid crash-landed crash-landing
        emergency_landing overshot sinkhole* blaze* inferno gas_leak chemical_leak
        shipwreck lifeboat* coastguard coast_guard mudslides landslides flash_flood*
        avalanches rockfall derailed derailment derailments""",
        2: """fire fires flames burned burnt destroyed damage damaged devastat* rescue
        rescued injured injuries victims dead casualties emergency relief displaced
        homeless crash crashed storm_damage debris catastroph* famine toxic_leak leak
        storm_surge explosion explosions plane bodies derail""",
        1.5: "collapse collapsed aircraft ferry",
        1: """drought killed died deaths missing aid shelter shelters hurricane cyclone
        typhoon tornado*""",
    },
    "20000148": {
        2: "earthquake* quake* tsunami* flood* wildfire* landslide* avalanche* volcano*",
    },
    "20000139": {
        2: "crash* collision collided derail* explosion* accident* capsiz* sank",
    },
    "20000168": {
        2: "rescue* evacuat* emergency_services firefighters rescuers search_and_rescue",
    },
    "04": {
        3: """stock stocks_fell stocks_rose shares_fell shares_rose market_value
        earnings_report quarterly_profit annual_profit revenue_rose profits_fell
        sales_fell sales_rose layoffs_at carmaker chipmaker* retailer's bank's banks'
        lending interest borrowing_costs bond_market central_banks inflation_rate
        consumer_spending household_spending economic_growth slowdown downturn boom
        exporters importers shipping freight logistics tourism_revenue economy
        economic economies economist* inflation interest_rate interest_rates gdp
        recession stock_market stocks shares share_price investor* investment
        investments banking central_bank currency currencies dollar euro_zone eurozone
        bond_yields tariff* exports imports revenue revenues profit profits earnings
        quarterly merger* acquisition* takeover* shareholder* startup* start-up* ipo
        oil_price oil_prices consumer_prices fiscal monetary rate_cut rate_cuts
        rate_hike rate_hikes mortgage* crypto* bitcoin stock_exchange nasdaq dow_jones
        ftse dax s&p bankrupt* insolven* trade_war trade_deal automaker* carmaker*
        company's firms retail retailer* market_share supply_chain* manufactur*
        trade_deficit trade_surplus budget_deficit deficit debt debts inflationary
        deflation economists growth_forecast gross_domestic_product turnover dividend*
        profit_forecast* earnings_forecast* sales_forecast* revenue_forecast*
        raises_forecast raised_its_forecast cuts_forecast cut_its_forecast profit_warning*
        full-year passenger_numbers
        valuation market_value wall_street billion-dollar price_rises price_increases
        cost_of_living energy_prices gas_prices petrol_prices exchange_rate borrowing
        lenders lender loan loans credit bank_of investors' subsidies subsidy
        subsidised subsidized""",
        2: """company trade export import prices price markets market banks bank industry
        industrial factory factories production output demand supply growth tax taxes
        taxation finance financial funds fund investing invest invested
        chief_executive ceo trillion deals sector airline airlines brand energy oil
        gas opec shoppers products product goods sales business businesses companies
        consumer consumers""",
        1.5: "deal billion firm customers",
        1: """million percent per_cent costs cost sold sell buy bought jobs money spending
        sanctions""",
    },
    "20000385": {
        2: "stock_market stocks shares share_price investor* bond* currency nasdaq",
    },
    "20000344": {
        2: "inflation gdp recession economy economic interest_rates growth",
    },
    "05": {
        3: """school's schools' teachers_union university's universities' lecturers
        professors professor students' pupils' classroom_shortage exam_results
        a-level* gcse* baccalaureate enrolment scholarships curriculum_reform
        school_meals pupil* education educational curriculum exam exams examination*
        classroom* tuition school_year graduation kindergarten* primary_school*
        secondary_school* literacy student_loan* enrol* enrollment homework
        education_minister teachers' university_students schoolchildren school_pupils
        apprenticeship* tuition_fees universities academic_year school_closures
        school_children diploma diplomas""",
        2: """school schools student students teacher teachers university campus graduate*
        degree degrees scholarship* lecture* lecturer* academic college colleges
        learning teach teaching grades textbook textbooks""",
        1.5: "lessons",
        1: "children young_people youth training skills lesson",
    },
    "20000400": {
        2: "school schools pupil* classroom* teacher* kindergarten*",
    },
    "06": {
        3: """reservoir reservoirs water_levels water_restrictions hosepipe_ban hose_ban
        aquifer* groundwater environmentalists conservationists climate_activists
        carbon_emissions methane deforest* logging reforestation wetlands peatland*
        biodiversity_loss mass_extinction endangered_animals poached ivory rhino*
        orangutan* coral_bleaching heat-trapping decarbonis* decarboniz*
        electric_vehicles clean_energy green_energy wind_turbines solar_farm*
        nuclear_waste toxic_waste landfill* single-use climate_change emission
        emissions greenhouse_gas greenhouse_gases carbon co2 pollution polluted
        polluting pollutant* environmental biodiversity wildlife conservation
        deforestation recycl* fossil_fuel fossil_fuels net_zero global_warming coral
        endangered extinct extinction habitat* ecosystem* air_quality smog
        paris_agreement oil_spill sewage poaching pesticide* renewable renewables
        renewable_energy wind_farm* solar_power solar_panels plastic_waste
        microplastic* climate_summit cop28 cop29 cop30 glacier* sea_level sea_levels
        rising_seas endangered_species nature_reserve rainforest* high_seas
        marine_life marine_protected ocean_protection overfishing""",
        2: """species plastic plastics waste warming forest forests trees ocean oceans reef
        reefs national_park spill toxic contaminat* water_quality activists drought
        whale* animals birds insects bees wetland* river rivers environmentalist*
        climate environment melting tigers""",
        1: "green nature energy coal solar wind weather heat",
    },
    "20000418": {
        2: "climate emission* greenhouse_gas* global_warming net_zero carbon",
    },
    "20000420": {
        2: "wildlife species conservation extinct* endangered habitat* biodiversity",
    },
    "20000424": {
        2: "pollution polluted plastic smog spill sewage toxic air_quality",
    },
    "07": {
        3: """health_care_workers patients' hospitalisation* hospitalization* pandemic's
        infections_rose cases_rose vaccination_rates jab jabs drug_trial
        pharmaceutical_company medics doctors' nurses' ward mental_illness depression
        anxiety addiction* obesity_rates cholesterol blood_pressure heart_attack*
        stroke_patients dementia_patients cancer_patients chemotherapy radiotherapy
        transplant_surgery organ_donor* health_service disease diseases pandemic
        epidemic vaccine vaccines vaccinat* infection infections infectious cancer*
        diabetes obesity mental_health surgery surgeon* public_health health_ministry
        malaria cholera measles bird_flu flu influenza covid covid-19 coronavirus mpox
        ebola tuberculosis hiv dementia alzheimer* heart_disease symptoms diagnos*
        clinical_trial* antibiotic* healthcare health_care health_system
        intensive_care icu overdose* opioid* medicine medicines virus viruses infected
        cases_of health_officials health_authorities epidemiolog* pharmaceutical*
        pharmacies pharmacy drugmaker* paediatric* pediatric* gp gps waiting_lists
        stroke strokes transplant* therapy therapies vaccination_campaign immunis*
        immuniz* autism health_insurance malnutrition booster_shot booster_shots
        booster_jab booster_dose booster_doses disease_outbreak outbreak_of_cholera
        outbreak_of_measles""",
        2: """health clinic clinics medic* drug drugs pharma smoking tobacco alcohol
        ambulance* paramedic* nutrition pregnan* maternal illness ill sick care
        hygiene screening treatment treatments medical doctors doctor hospitalised
        hospitalized patient patients nurses nurse outbreak outbreaks""",
        1.5: "hospital hospitals",
        1: "cases deaths died risk study suicide suicides",
        0.5: "births",
    },
    "20000446": {
        2: "disease* outbreak* pandemic epidemic infection* cancer* virus covid flu",
    },
    "20000461": {
        2: "hospital hospitals clinic clinics intensive_care icu ward wards",
    },
    "08": {
        3: """birthday centenarian* wedding weddings royal_family zoo panda pandas lottery
        jackpot heartwarming reunited guinness_world_record oldest_person pet pets
        puppy puppies kitten* royal_baby viral_video overdue library_book years_late
        quirky bizarre unusual message_in_a_bottle lost_and_found long-lost
        wedding_ring returned_after heartbroken adopted owner owners lottery_winner
        centenarians 100th_birthday oldest_man oldest_woman twins marries married_for
        tied_the_knot grandchildren great-grandchildren newlyweds sweethearts
        love_story good_samaritan act_of_kindness""",
        2: """celebrity celebrities royal princess prince dog dogs cat cats anniversary
        reunion couple""",
        1: "record animal animals",
    },
    "09": {
        3: """union's unions' strikers' pay_offer pay_claim pay_freeze wage_increase
        wage_growth living_wage gig_workers gig_economy zero-hours furlough*
        labour_laws labor_laws workplace working_conditions job_centre employment_rate
        jobs_report job_market hires on_strike strike_action general_strike walkout*
        industrial_action trade_union trade_unions unions union_members labour_union
        labor_union wage wages minimum_wage salary salaries pay_rise pay_deal
        pay_dispute pay_talks unemployment unemployed jobless layoff* lay_off job_cuts
        redundanc* labour_market labor_market workforce collective_bargaining picket*
        labour_shortage* labor_shortage* work_permit* payroll* employer employers
        working_hours four-day_week strikes_by went_on_strike staged_a_strike workers'
        strikers job_losses jobs_cut cut_jobs shift_workers""",
        2: """workers worker jobs job pension pensions retirement hiring recruitment labour
        labor overtime employees employee""",
        1: "pay union staff strike striking contract contracts",
    },
    "20000536": {
        2: "unions trade_union* on_strike walkout* strike_action picket* strikers",
    },
    "20000523": {
        2: "unemployment jobless hiring layoff* job_cuts labour_market labor_market",
    },
    "10": {
        3: """tourist_season travel_industry holidaymakers' travellers' passengers_faced
        sightseeing backpack* camping hiking trekking skiing_holiday spa resorts
        resort gastronomy foodies wine_tasting street_food fashion_show catwalk
        runway_show designer's recipe* cooking fashion fashion_week gardening hobby
        hobbies yoga wellness michelin lifestyle leisure theme_park tourists tourism
        holidaymakers holiday_season vacation* cruise_ship* beach_resort
        cherry_blossom* blossom blossoms picnic* sightseers day-trippers theme_parks
        amusement_park*""",
        2: """travel travellers travelers tourist holiday holidays restaurant* chef* wine
        hotel hotels fitness diet shopping designer* cuisine bloom parks crowds""",
        1: "garden beer coffee food",
    },
    "11": {
        3: """recount mayoral gubernatorial irregularities electoral_fraud vote_rigging
        prime_minister's president's parliament's senate senators congresswoman
        congressman lawmakers' mps' cabinet_minister cabinet_reshuffle snap_election
        general_election local_elections presidential_race runoff run-off exit_poll
        opinion_poll* coalition_talks coalition_government ruling_coalition
        opposition_parties far-right_party nationalist* separatist*
        independence_referendum state_visit g7 g20 nato_summit un_general_assembly
        foreign_policy diplomatic_row expelled_diplomats election elections elected
        electoral electorate voter voters voting ballot* polling parliament
        parliamentary lawmaker* legislator* legislature senator* congressional
        prime_minister presidential coalition referendum diplomat* diplomacy
        diplomatic foreign_minister foreign_policy state_visit cabinet no-confidence
        confidence_vote impeach* veto far-right far-left populist* social_democrats
        green_party opposition_leader head_of_state chancellor president's minister
        ministers government's governing_party ruling_party constituenc* mp mps
        campaign_trail candidate candidates incumbent inauguration inaugurated
        sworn_in re-election reelection re-elected polls bilateral embassy embassies
        ambassador* foreign_ministry political politics politician* democracy
        authoritarian sanctions_on state_department white_house kremlin
        landslide_victory landslide_win""",
        2: """vote votes voted opposition party parties campaign campaigning constitution
        constitutional resign resigned resignation""",
        1.5: """government governments president policy policies reform reforms bill
        legislation mayor municipal summit treaty governor""",
        1: """minister law democratic conservative* liberal* socialist* protest protests
        state talks negotiation* sanctions leader leaders alliance""",
    },
    "20000574": {
        2: "election* elected voter* voting ballot* polls polling referendum candidate*",
    },
    "20000593": {
        2: "cabinet coalition government parliament* minister* legislation",
    },
    "20000638": {
        2: "diplomat* diplomacy diplomatic summit embassy ambassador* treaty bilateral",
    },
    "20000639": {
        2: "diplomat* diplomacy diplomatic embassy ambassador* envoy*",
    },
    "12": {
        3: """churchgoers congregations parishes bishops' vatican's papal_visit cardinals
        conclave synod ordained clergyman* religious_freedom religious_leaders
        pilgrims' mosques synagogues temples' prayers_for fasting church churches pope
        vatican mosque mosques synagogue* religion religious believers pilgrim*
        pilgrimage bishop* archbishop* priest* clergy imam* rabbi* hindu* buddhis*
        catholic* protestant* ramadan eid hajj prayer prayers worship* sermon theolog*
        blasphemy diocese parish congregation* evangelical interfaith monk monks nuns
        spiritual pastor* christianity islam judaism hinduism buddhism cathedral
        pontiff holy_see papal""",
        2: """faith temple temples muslim muslims christian christians jewish orthodox
        easter holy sacred saint shrine""",
        1: "christmas pray",
    },
    "20000703": {
        2: "pope bishop* archbishop* imam* rabbi* cardinal* pontiff",
    },
    "20000697": {
        2: "church churches mosque* synagogue* cathedral temple*",
    },
    "13": {
        3: """scientists_said researchers_said study_found new_study findings peer_reviewed
        journal_science physicists astronomers astronauts space_mission moon_mission
        mars_rover lunar_lander rocket's satellites spaceflight space_telescope
        exoplanet* supernova* neutron* particle_physics quantum_computer*
        supercomputer* artificial_intelligence_model ai_model ai_models chatbots
        generative_ai robotics encryption semiconductors microchip* biotech*
        gene_editing crispr stem_cell* vaccine_research archaeologists excavation*
        skeleton* fossilised fossilized scientific physicist* physics chemist*
        chemistry biolog* astronom* telescope* space_agency spacecraft satellite
        satellites orbit* astronaut* planet* asteroid* comet* galaxy galaxies
        black_hole genome genes genetic dna dinosaur* artificial_intelligence ai
        machine_learning algorithm* robot* robotic* software quantum computing
        computer computers semiconductor* chip chips chipmaker* smartphone*
        nuclear_fusion archaeolog* mathematic* microscop* chatbot*
        large_language_model* study_published peer-reviewed journal_nature experiment*
        laboratory lab_tests space_station moon_landing rocket_launch lunar mars
        mission_to data_centre* encryption tech technology technologies startup
        engineering fossils fossil_record species_of launch_pad launch_tower starship
        reusable_rocket spaceport""",
        2: """research researcher study studies discovery discovered scientists' space moon
        mission digital device* engineer* innovation* prototype scientist scientists
        researchers app apps internet engineers innovation cyber booster cybersecurity
        invented invention inventions inventor inventors""",
        1: "new found data online platform* rocket hackers cyberattack cyberattacks",
        0.5: "launch launched",
    },
    "20000735": {
        2: "research* researcher* study scientist* discovery experiment* journal",
    },
    "20000756": {
        2: "ai artificial_intelligence software robot* chip* semiconductor* computing",
    },
    "14": {
        3: """migrants' asylum_seekers' refugees' deportation* deported migrant_boats
        small_boats border_crossings integration_courses poverty_line food_banks
        homeless_people rough_sleepers child_poverty social_benefits welfare_state
        pension_reform women's_rights gender_equality gender_pay_gap domestic_abuse
        racism_row anti-semitism antisemitism islamophobia hate_speech
        same-sex_marriage lgbtq+ demonstrators marched march_for welfare poverty
        homeless homelessness inequality discriminat* racism racist migrants migrant
        migration immigration immigrant* asylum asylum_seekers women's_rights feminis*
        lgbt lgbtq same-sex transgender abortion childcare child_care elderly ageing
        aging demographic* birth_rate census civil_rights minorities minority
        indigenous social_security benefits_system social_welfare food_bank*
        marriage_equality gay pride_march disabled disability disabilities births
        birth_rate birthrate fertility fertility_rate population_decline
        ageing_population aging_population life_expectancy loneliness pensioners
        social_housing affordable_housing inequalities minimum_income""",
        2: """society social housing rent rents demonstrat* youth young_people equality
        rights integration refugees refugee gender charity charities human_rights""",
        1.5: "population volunteers",
        1: """people citizens protest* children women families family community communities
        generation generations""",
    },
    "20000771": {
        2: "migrant* migration immigra* asylum refugee* border_crossing*",
    },
    "20000775": {
        2: "discriminat* racism racist inequality equality",
    },
    "15": {
        3: """goalless drew beat_the defeated_the victory_over win_over scored_twice
        scored_a scorer top_scorer hat-trick title-winning league_title cup_final
        final's semi quarter-finals round_of_16 group_stage knockout_stage
        fifa_world_cup olympic_champion world_champion world_record gold_medallist
        silver bronze medallist* sprinted overtook laps_to_go pole grid
        qualifying_session tee birdie* bogey* fairway ace aces serve break_point
        set_point match_point tiebreak* innings wickets batting bowling rugby_union
        rugby_league try tries touchdown* quarterback* slam_dunk rebounds coach's
        manager's sacked_manager transfer_fee loan_deal squad_for football soccer
        scored scorer* midfielder* goalkeeper* head_coach league champions_league
        premier_league world_cup tournament* championship* semi-final* semifinal*
        quarter-final* quarterfinal* olympic* olympics medal* gold_medal athlete*
        athletics marathon tennis grand_slam wimbledon golf cricket rugby basketball
        baseball hockey cycling tour_de_france formula_one grand_prix f1 podium
        extra_time red_card referee* transfer_window boxing boxer* ufc swimmer* skier*
        world_championships nations_league bundesliga la_liga serie_a nba nfl
        super_bowl playoff* play-off* innings wicket* doping half-time halftime
        relegat* clean_sheet hat-trick hat_trick equaliser equalizer injury_time
        stoppage_time pole_position trophy sports sport team's squad season's
        title_race paralympic* sprinter* lap laps race_win won_the_race
        defending_champion knockout final_whistle fixture* kickoff kick-off striker
        putt putts crash_out crashed_out crashes_out spot_kick spot_kicks
        penalty_shootout shootout_win""",
        2: """stadium champion champions finals racing fans cup captain derby match matches
        goal goals penalties""",
        1.5: "coach players player club clubs",
        1: """won game games title points first_half second_half draw sprint seed seeded
        season race final win wins victory defeat defeated beat beating transfer
        signing signed competition team teams drivers driver""",
        0.5: "record",
    },
    "20001108": {
        2: "tournament* championship* olympic* world_cup final finals grand_prix",
    },
    "16": {
        3: """war's warring army's soldiers' troops' military's militants' rebels'
        insurgents fighters' airstrikes air_strikes drone_strikes missile_strikes
        rocket_fire rockets_fired shelled intercepted interceptors air-raid frontlines
        trenches occupied_territory annexation blockade besieged siege* hostages'
        captives ceasefire_talks truce_talks peace_negotiations armistice disarmament
        demilitaris* nuclear_arsenal warheads arms_control military_exercises drills
        warplanes fighter_jet bombers gunboat* naval_blockade insurgency guerrillas
        coup_attempt putsch war wars warfare armed_conflict troops soldier soldiers
        airstrike* air_strike* drone_strike* missile missiles shelling shelled
        bombing* bombardment artillery frontline front_line front_lines
        counteroffensive counter-offensive invasion invade* ceasefire truce
        peace_talks peace_deal peace_process hostage* militant* militia* insurgen*
        rebel rebels terrorist terrorists terror_attack jihadist* air_defence
        air_defense fighter_jets warship* combat battlefield war_crimes
        defence_minister defense_minister mobilis* mobiliz* conscript* coup junta
        civil_war genocide massacre* prisoners_of_war prisoner_exchange prisoner_swap
        annex* ammunition nuclear_weapons warhead* ballistic_missile* military drones
        drone_attack drone_attacks explosives occupied_territories armed_forces army
        navy naval weapons weapon arms_deliveries air_raid* sirens paramilitary
        suicide_bomb* guerrilla* fighters armoured armored peacekeep* air_force
        kamikaze incursion* cross-border_attack defence_spending defense_spending
        arms_production war-time wartime military_aid arms_supplies
        security_guarantees rearmament deterrence""",
        2: """attack attacks attacked bomb bombs offensive occupied peace forces armed
        casualties wounded civilians civilian clashes clash fighting fought terror
        riot riots rioters unrest uprising tear_gas security_forces hostilities
        retaliat* drone tanks shells stormed seized_control took_control captured_the
        gunmen overran""",
        1.5: "occupation",
        1: """killed dead destroyed protesters sanctions border strike strikes defence
        defense""",
    },
    "20000056": {
        2: """war troops soldiers military shelling missile* airstrike* frontline offensive
        invasion""",
    },
    "20000053": {
        2: "terror terrorist* terror_attack jihadist* suicide_bomb*",
    },
    "20000065": {
        2: "riot* unrest tear_gas protesters demonstrat* uprising",
    },
    "20000070": {
        3: "coup junta",
    },
    "20000073": {
        2: "ceasefire truce peace_talks peace_deal peace_process",
    },
    "17": {
        3: """forecasters_said forecast_for weather_forecasters weather_warning
        weather_warnings met_service heat_warning heat_alert cold_weather hot_weather
        wet_weather dry_weather sunny_spells rain_showers heavy_snow snowstorm*
        ice_storm* hailstones gale* gale-force windstorm* squall* mist frosty chilly
        scorching sweltering muggy thunder lightning_strikes weather forecaster*
        meteorolog* temperature temperatures degrees_celsius celsius fahrenheit
        rainfall heavy_rain showers snow snowfall blizzard* thunderstorm* hail
        hailstorm* gust gusts wind_speeds heatwave* heat_wave* cold_snap frost frosts
        fog foggy sunny sunshine humid humidity monsoon weather_service
        weather_warning* amber_warning red_warning yellow_warning met_office hottest
        coldest record_temperatures el_nino la_nina precipitation dry_spell
        mild_weather wettest driest weather_agency storm_warning weather_forecast
        cloudy rainy snowy icy_roads black_ice hurricane* typhoon* cyclone* tornado*
        strengthened strengthens strengthening category_one category_two
        category_three category_four category_five tropical_storm tropical_depression
        landfall meteorologist* downpour* drizzle sleet windchill wind_chill thaw
        heat_index uv_index pollen""",
        2: """rain winds wind freezing icy drought clouds warmer cooler degrees forecast
        forecasts""",
        1.5: "heat storm storms",
        1: "summer winter autumn spring warning warnings cold hot warm ice",
    },
    "20001128": {
        2: "forecast forecasts forecaster* outlook",
    },
    "20001129": {
        2: "storm* heatwave* snow rain rainfall hail thunderstorm* fog",
    },
    "20001131": {
        2: "warning warnings amber_warning red_warning yellow_warning alert",
    },
}
