"""Given names as English-language news of the region spells them, by where they are
most given: a lexicon written for this project (no dataset copied), read for names that
nothing around them says are a person's (newsreader/text/people.py). Pure.

Each spelling is its own entry (Mohammed, Mohamed, Muhammad); names that are common English
words (Grace, Hope, Will) and names of places (Jordan, Israel) are left out.
"""

from __future__ import annotations

_GROUPS = {
    "Arabic (Gulf, Levant, Iraq, Egypt, Sudan, Maghreb)": """
    Abbas Abd Abdal Abdalaziz Abdalla Abdallah Abdel Abdelaali Abdelaati Abdelali
    Abdelatif Abdelaziz Abdelbaki Abdelbari Abdelbaset Abdelbasset Abdelfattah
    Abdelghafour Abdelghani Abdelghany Abdelhadi Abdelhafid Abdelhafidh Abdelhak
    Abdelhakim Abdelhalim Abdelhamed Abdelhamid Abdelhay Abdelilah Abdelillah
    Abdeljabbar Abdeljalil Abdeljelil Abdelkader Abdelkadir Abdelkarim Abdelkhalek
    Abdelkrim Abdellah Abdellatif Abdelmadjid Abdelmajeed Abdelmajid Abdelmalek
    Abdelmalik Abdelmohsen Abdelmoneim Abdelmonem Abdelmoula Abdelmoumen Abdelmounaim
    Abdelnasser Abdelnour Abdelouadoud Abdelouahab Abdelouahed Abdelqader Abdelrahim
    Abdelrahman Abdelrauf Abdelrazek Abdelraziq Abdelsalam Abdelsamad Abdelsattar
    Abdelwahab Abdelwahed Abdelwahid Abdennasser Abderahim Abderrahim Abderrahman
    Abderrahmane Abderraouf Abderrazak Abderrazek Abdeslam Abdessalam Abdessalem
    Abdessamad Abdi Abdirahman Abdiweli Abdo Abdou Abdoul Abdoulaye Abdrabbo Abdrabbuh
    Abdu Abdul Abdulatif Abdulaziz Abdulbaqi Abdulbari Abdulbasit Abdulfattah
    Abdulghafur Abdulghani Abdulhadi Abdulhafiz Abdulhakim Abdulhalim Abdulhamid
    Abdulhay Abdulilah Abduljabbar Abduljalil Abdulkader Abdulkadir Abdulkarim
    Abdulkhalek Abdulkhaliq Abdulla Abdullah Abdullahi Abdullatif Abdulmahdi Abdulmajid
    Abdulmalek Abdulmalik Abdulmohsen Abdulmonem Abdulmuhsin Abdulmunim Abdulnasser
    Abdulnour Abdulqadir Abdulqawi Abdulrahim Abdulrahman Abdulraouf Abdulrazak
    Abdulrazzaq Abdulsalam Abdulsamad Abdulsattar Abdulwahab Abdulwahhab Abdulwahid
    Abdulwali Abdurrahman Abdussalam Abeer Abir Aboubakar Aboubakr Abubakar Adam Adel
    Adil Adly Adnan Afaf Afif Ahcene Ahdaf Ahed Ahmad Ahmed Aicha Aida Aidarous Aidarus
    Aisha Aishah Akeel Akil Akram Alaa Alaaeddin Aladdin Alaeddine Ali Alia Aly Alya
    Amal Amani Amar Amel Amena Amer Amin Amina Aminah Amine Amir Amjad Ammar Amna
    Amokrane Amr Amro Anas Anis Anouar Anoud Antoun Anwar Aqeel Aqil Areej Arezki Arwa
    Asaad Ashraf Asma Asmaa Asmahan Atef Atif Awad Awadeya Awadh Aya Ayad Ayah Ayed
    Ayesha Ayham Ayman Aymen Ayoub Aysha Ayub Ayyub Aziz Aziza Azza Azzam Aïcha Aïda
    Babiker Bachir Badir Badr Badreddine Baha Bahaa Bahaeddine Bahia Bakir Bakr Bakri
    Bandar Baqir Barham Basel Basem Bashar Bashir Basil Basim Basma Bassam Bassel Bassem
    Batoul Bayan Beji Belkacem Beshoy Bilal Bisan Bishoi Bishoy Bochra Botros Boualem
    Boubacar Boubaker Boubakeur Boubker Bouchaib Bouchaïb Bouchra Boushra Bouthaina
    Boutros Brahim Burhan Bushra Buthaina Butros Béchir Béji Chadli Chafik Chafiq Chakib
    Chamseddine Chaouki Charafeddine Charbel Chawki Chedli Chehab Cherif Chirine Chokri
    Choukri Chucri Chérif Daher Dalal Dalia Daliah Dalila Daoud Daud Dawood Dawud Dena
    Dhafer Dhahi Dhiaa Diaa Dima Dina Djamal Djamel Djamil Djamila Djilali Doaa Donia
    Driss Duaa Dunya Effat Ehab Ehsan Eissa Elia Elias Elie Elyas Emad Eman Emile Emna
    Enas Esraa Essa Essam Eyad Ezzat Ezzeddine Ezzedine Fadel Fadela Fadhel Fadi Fadia
    Fadl Fadoua Fadwa Fady Fahad Fahd Fahmi Fahmy Faiq Fairouz Fairuz Faisal Faiz Faiza
    Fakher Fakhreddine Fakhri Fakhry Falah Faleh Falih Farah Fares Farid Farida Faris
    Farouk Farouq Faruq Fatemeh Faten Fathi Fathy Fatiha Fatima Fatimah Fatime Fatin
    Fatma Fawaz Fawwaz Fawzi Fawzy Fayez Fayrouz Faysal Fayza Fayçal Feisal Ferhat Fethi
    Fethia Firas Fouad Foued Fuad Galal Galila Gamal Gebran Ghada Ghadeer Ghaffar Ghaith
    Ghaleb Ghalia Ghalib Ghalya Ghania Ghassan Ghattas Ghayath Ghazi Ghiath Gibran
    Gibril Gihan Habib Habiba Hadeel Hadi Hadia Hadil Hadiya Hady Hadya Hafez Hafiz
    Haidar Haider Haitham Hajar Hajer Hakeem Hakim Hakima Hala Halim Halima Hamad Hamada
    Hamadi Hamdan Hamdeen Hamdi Hamdin Hamdy Hamed Hameed Hamid Hamida Hammad Hammadi
    Hamoud Hamoudi Hamud Hamza Hamzah Hana Hanaa Hanan Haneen Hani Hanin Hanna Hany
    Haroon Haroun Harun Hasan Hashem Hashim Hasna Hasnaa Hassan Hassane Hassen Hassiba
    Hatem Hatim Hawa Hayat Hayder Haytham Hazem Hazim Hazza Heba Hedi Hela Helmi Helmy
    Hend Hesham Hessa Hiam Hiba Hicham Hichem Hikmat Hilal Hilmi Hind Hisham Hissa
    Hocine Hoda Hosam Hoshyar Hosni Hossam Houari Houcine Houda Houria Houssam Howaida
    Huda Humaid Humam Humayd Husain Husam Husayn Husein Husni Hussain Hussam
    Hussameddine Hussein Huwaida Hédi Hédia Ibrahim Ibtihaj Ibtisam Ibtissam Idris
    Idriss Ihab Ihsan Ilham Ilhem Ilias Ilyas Imad Iman Imane Imen Inaam Inas Inji Injy
    Insaf Intisar Isa Isam Ishak Ishaq Ismael Ismail Israa Issa Issam Iyad Izzat
    Izzeddin Jaafar Jaafer Jabar Jabbar Jaber Jabir Jabril Jad Jafar Jaffar Jalal Jalil
    Jamal Jamaleddine Jameel Jameela Jamil Jamila Jaouad Jasem Jasim Jassem Jassim Jawad
    Jawaher Jawdat Jawhara Jebril Jelil Jibreel Jibril Jihan Joumana Jubran Jumana Kacem
    Kadhem Kadhim Kadim Kaies Kais Kamal Kamel Kaouther Karam Kareem Karem Karim Karima
    Kassem Kassim Kawsar Kawthar Kazem Kazim Kaïs Kenza Khadeeja Khadidja Khadija
    Khadijah Khair Khairat Khaireddine Khalda Khaldoon Khaldoun Khaled Khalid Khalida
    Khalifa Khalil Khamis Khaoula Khawla Kheir Kheirat Kheireddine Khemais Kholoud
    Khouloud Khudair Khudhair Kindah Kirollos Kyrillos Labib Lahcen Lahoucine Laila
    Laith Lakhdar Lamees Lamia Lamine Lamis Lamya Lara Larbi Lateef Latef Latif Latifa
    Layal Layla Laïla Leen Leena Leila Leith Leïla Lina Loay Lolwah Loqman Lotfi Louay
    Loubna Louisa Louiza Loujain Lounes Luay Lubna Lujain Lulwa Luqman Lutfi Lyes Lyès
    Mabrouk Madiha Madjid Maeen Maen Magdi Magdy Maged Magid Maha Mahdi Maher Mahfoud
    Mahienour Mahir Mahmood Mahmoud Mahmud Mahrez Mai Maisa Maisoun Maitha Majda Majdi
    Majed Majeed Majid Majida Makhlouf Malak Malika Mamdouh Manaf Manal Manar Mansour
    Mansur Maram Mariam Mariama Mariem Marwa Marwah Marwan Maryam Mashael Masoud
    Massaoud Massoud Maya Mayada Maysa Maysoun Mazen Mazin Mbarek Mbark Medhat Mehdi
    Mehrez Meriem Mervat Meshaal Messaoud Mhamed Midhat Mina Minni Mirvat Mishaal Mishal
    Mishari Miteb Mithal Moataz Moayad Moaz Moez Mohamad Mohamed Mohammad Mohammed
    Mohamoud Mohamud Mohand Mohannad Moheb Mohi Mohieddine Mohsen Mohsin Mohy Mohyeddin
    Mokhtar Mokrane Mona Moncef Mondher Mongi Monir Montasser Monther Moqtada Mosab
    Mostafa Mostapha Motaz Mouad Mouaffak Mouaz Mouhamed Mouhannad Mouin Mouloud Mouna
    Mounir Mourad Mousa Moussa Moustafa Moustapha Mouza Moza Muadh Muataz Muath Muayad
    Mudar Muhammad Muhammed Muhannad Muhsin Muhyi Muin Mukhtar Muna Mundhir Munir
    Muntasir Munther Muqrin Muqtada Murad Murhaf Musa Musab Musaed Musaid Mustafa
    Mustapha Mutaib Mutaz Mutlaq Muwaffaq Nabeel Nabih Nabiha Nabil Nabila Nacer Nada
    Nadeem Nadia Nadim Nadine Nadiya Nadja Nagi Nagib Nagla Naguib Nagwa Nahed Nahla
    Naif Naila Naima Najah Najat Naji Najib Najla Najlaa Najwa Naser Nasir Nasreddine
    Nasruddin Nassef Nasser Nassima Nawaf Nawal Nayef Nayla Nazeer Nazih Nazim Nazir
    Nehal Nejib Nermeen Nermine Nesreen Nesrine Nevine Nezha Nidal Nihal Nisreen Nisrine
    Nivine Nizar Noha Nooman Noomane Noor Nora Nordin Nordine Nouf Nouh Nouha Nouman
    Nour Noura Nourdine Noureddine Nouri Nourredine Nuh Nuha Nujood Nur Nura Nuraddin
    Nureddin Nuri Obaid Odai Ola Olfa Omar Ons Onsi Osama Osman Othman Othmane Otmane
    Oualid Ouarda Oula Ousama Oussama Plestia Qaboos Qais Qasem Qasim Qassem Qays Qubad
    Qusai Qusay Rabab Rabah Rabie Rabih Rachad Rached Rachid Rachida Radhia Radia Radwa
    Radwan Raed Raef Rafe Rafeeq Rafic Rafie Rafik Rafiq Ragab Raghad Raghda Ragheb
    Raghib Rahaf Raheem Rahim Rahma Rajaa Raji Rakan Rama Rami Ramy Ramzi Ramzy Rana
    Randa Rania Ranya Raouf Rasha Rashad Rashed Rasheed Rashid Rashida Rasool Rasul Rauf
    Rawan Rawia Rawya Rayed Razan Reda Redouane Redwan Reem Reema Refaat Refat Rehab
    Reham Riad Riadh Rida Ridha Ridwan Rifaat Rifat Rima Riyad Rizk Rokaya Rokia Rola
    Roqaya Roshdy Roula Ruba Rula Ruqaya Ruqayya Rushdi Saad Saadeddin Saadeddine Saadi
    Saadia Saadoun Sabah Sabeeka Saber Sabika Sabri Sabrine Sabry Sadek Sadeq Sadiq
    Sadok Sadoun Saeb Saed Saeed Safa Safaa Safia Safiya Safwat Sahar Sahbi Said Saida
    Saif Saifuddin Sakina Salah Salahaddin Salaheddine Salahuddin Saleem Saleh Salem
    Salih Salim Salima Salma Salman Salwa Sama Samah Samar Sameer Sameera Sameh Samer
    Sami Samia Samih Samir Samira Samirah Samy Sanae Saqr Sari Sarwat Sattam Sattar Saud
    Sawsan Sayf Saïd Seif Seifeddine Selma Semaan Shadi Shadia Shahd Shaima Shaimaa
    Shaker Shakir Shamma Shams Shamseddin Shamsuddin Sharafeddine Sharbel Sharif Shatha
    Shawki Shawky Shehab Shenouda Shereen Sherif Sherifa Sherine Shihab Shireen Shoukry
    Shukri Sidki Sidqi Siham Sihem Slaheddine Sleiman Slimane Smail Smaïn Soad Sobhi
    Sobhy Sofiane Soha Sohail Soheir Soliman Sondos Soraya Souad Soufiane Souhair
    Souheil Souhila Souraya Suad Subhi Sufian Sufyan Suha Suhail Suhair Suheil Suheir
    Sulaiman Sulayman Suleiman Suliman Sundus Suzan Taha Tahani Tahar Taher Tahir
    Tahnoon Tahnoun Taieb Tala Talaat Talal Tamara Tamer Tamim Tammam Tanios Taoufik
    Tarek Tareq Tarik Tariq Tasneem Tawadros Tawakkol Tawfik Tawfiq Tayeb Tayseer Taysir
    Tayyeb Thaer Thamer Thamir Tharwat Thoraya Thuraya Toufic Toufik Touria Turki Ubaid
    Udai Uday Ula Umar Usama Uthman Wadie Wadih Wael Wafa Wafaa Wagdi Wagdy Wahiba Wahid
    Wail Wajih Waleed Walid Warda Wasim Wassim Wathiq Wedad Wiam Widad Wijdan Wisam
    Wissal Wissam Yaacoub Yacine Yacoub Yahia Yahya Yakoub Yamina Yaqoob Yaqub Yara
    Yaser Yasin Yasir Yasmeen Yasmin Yasmina Yasmine Yasser Yassin Yassine Yazan Yazeed
    Yazid Yehia Yosra Yossef Youcef Younes Youness Younis Younus Yousef Yousif Yousra
    Youssef Youssouf Yousuf Yumna Yunis Yunus Yusef Yusra Yussef Yusuf Zaha Zaher Zahia
    Zahir Zahira Zahra Zahraa Zaid Zaied Zaina Zainab Zaineb Zakaria Zakariya Zakariyya
    Zaki Zakia Zayd Zayed Zaynab Zeid Zeina Zeinab Zeyad Zhor Ziad Zina Zine Zineb
    Zineddine Zinedine Ziyad Ziyed Zoheir Zohra Zoubeida Zoubida Zoubir Zouheir Zubaida
    Zubair Zubayr Zuhair
    """,
    "Persian and Kurdish": """
    Abbasali Abdolhamid Abdolkarim Abdolrahim Abdolreza Abolfazl Abolghasem Abolhassan
    Adar Akbar Ako Alaeddin Aldar Aliakbar Alireza Amirali Amirhossein Aram Arash Araz
    Ardashir Ardeshir Arez Arezoo Arman Armita Aryan Asadollah Ashkan Ataollah Atena
    Avin Awat Azad Azadeh Azam Azar Babak Bafel Bagher Bahador Bahadur Bahareh Bahman
    Bahoz Bahram Bakhtiar Bakhtiyar Baqer Baran Behnam Behnaz Behrouz Behzad Berivan
    Bese Bijan Ciwan Dara Dariush Dariyush Daryush Davood Davoud Delal Delshad Dilan
    Dilovan Dilshad Diyar Dlshad Ebrahim Elaheh Elham Elnaz Esfandiar Esfandyar Esmaeil
    Esmail Ezatollah Ezzatollah Faezeh Fakhrosadat Farahnaz Fardin Farhad Farhang Fariba
    Farideh Farnaz Farrokh Farshad Farzad Farzin Fathollah Fereshteh Fereydoun Fereydun
    Forough Gelareh Ghasem Ghazal Ghazaleh Gholam Gholamali Gholamhossein Gholamreza
    Ghoncheh Goli Golnaz Golshifteh Habibollah Haleh Hamidreza Hassanali Hawkar Hawre
    Hazhar Hedayat Hedayatollah Hediye Helin Hemin Hengameh Heshmat Hevin Hevrin Heydar
    Hiwa Hojatollah Hojjat Homa Hooman Hooshang Hosein Hossein Houman Houshang Hushang
    Iraj Jahangir Jamshid Javad Jila Jina Jiyan Kamaran Kambiz Kamran Kamyar Karwan
    Karzan Kasra Katayoun Kaveh Kawa Keykhosrow Keyvan Khairi Kian Kiarash Kimia Kosrat
    Kourosh Kouroush Kurdo Ladan Laleh Lamiya Leyla Mahboubeh Mahbubeh Mahdieh Mahnaz
    Mahsa Mahtab Mahyar Mani Manouchehr Manuchehr Marjan Marzieh Masih Masoumeh Masrour
    Massoumeh Mazloum Mazlum Mehrab Mehran Mehrangiz Mehrdad Mehri Mehrnaz Mehrnoosh
    Mehrzad Milad Minoo Mirhossein Mitra Mohammadali Mohammadbagher Mohammadjavad
    Mohammadreza Mojgan Mojtaba Morteza Mozhgan Nader Nahid Narges Narjes Nasim Nasrin
    Nasrollah Navid Nazanin Nazdar Nazila Nechervan Nechirvan Neda Negar Nematollah
    Nesrin Niki Nilofar Niloufar Nilufar Nima Nooshin Noushin Nujin Omed Omid Pakhshan
    Parastoo Pari Parisa Parsa Parvaneh Parvin Parviz Payam Pegah Pejman Peshawa Peyman
    Pourya Pouya Raheleh Rahmatollah Ramin Rasoul Rebaz Rebwar Reza Rizgar Rojda Rojin
    Roksana Rostam Rouhollah Roxana Roya Ruhollah Rustam Saba Sadegh Sajjad Sakine Salar
    Saman Samaneh Sanaz Sasan Sedigheh Sepehr Sepideh Serhat Setareh Shabnam Shaghayegh
    Shahab Shahin Shahla Shahnaz Shahram Shahriar Shahrokh Shahryar Shapour Shaswar
    Sherko Sherwan Sherzad Shilan Shirwan Shirzad Shler Shohreh Shwan Siamak Sima Simin
    Sina Sinam Sipan Sirwan Soheil Soheila Sohrab Solmaz Somayeh Soran Soroush Soudabeh
    Sousan Sudabeh Taghi Tahereh Tara Taraneh Touraj Vahid Vahidreza Vian Vida Xezal
    Yadollah Yalda Yasaman Yashar Zabihollah Zana Zia Ziaeddin Ziba Zilan Zohreh
    """,
    "Turkish": """
    Abdulhamit Abdülhamit Ahmet Alparslan Arda Asli Aslı Atilla Attila Ayla Aylin Ayse
    Ayşe Bahar Banu Baris Barış Batuhan Bekir Berat Beril Berna Binali Bulent Burak
    Burcu Busra Bülent Büşra Caglar Canan Cem Cemal Cengiz Ceren Cevdet Ceyhun Cigdem
    Coskun Coşkun Deniz Derya Devlet Dogan Doğan Duygu Ebru Ece Ekmeleddin Ekrem Elif
    Elmar Emine Emre Enis Enver Ercan Erdal Erdem Ergun Erhan Ersin Esin Esra Fahrettin
    Fatih Feride Ferit Fethullah Figen Fikri Filiz Fuat Furkan Gamze Gizem Gokhan Gulsen
    Gursel Gökhan Gönül Gülay Gülnur Gülsen Gürsel Güven Hakan Hakki Hakkı Halil Haluk
    Hande Hatice Havva Hayati Hikmet Hulusi Hulya Huseyin Husnu Hülya Hüseyin Hüsnü
    Ilhan Ilker Ipek Ismet İbrahim İhsan İlhan İlker İpek İsmet Jeyhun Kaan Kadir Kemal
    Kenan Kerem Koray Kubra Kursat Kübra Kürşat Levent Lütfi Mahmut Mehmet Mehriban
    Melih Melike Meltem Meral Merve Mesut Metin Mevlut Mevlüt Mithat Muammer Mubariz
    Muharrem Mumtaz Murat Mübariz Mücahit Mümtaz Naci Nagehan Nazlı Nazım Necati Necdet
    Necmettin Neslihan Nevzat Nihat Nilüfer Numan Nuray Nurettin Nurhan Ogtay Oguz Oktay
    Onur Orhan Oya Ozan Ozgur Ozlem Oğuz Pervin Pinar Pınar Rabia Rahmi Ramiz Recep
    Resat Reşat Riza Rıza Saadet Sadettin Sarp Sebahat Sedat Selahattin Selcuk Selim
    Selin Selçuk Semra Serap Serdar Serkan Sertac Sertaç Sevgi Sevil Sevim Sezgin Sibel
    Sinan Songül Sukru Sule Suleyman Sumeyye Süleyman Sümeyye Tahsin Talat Taner Tanju
    Tansu Tarkan Tayfun Tayyip Temel Tolga Tugba Tuncay Tuncer Turgut Tuğba Tülay Tülin
    Ufuk Ugur Umit Umut Utku Uğur Vahdettin Vedat Veli Volkan Yalcin Yalçın Yasar
    Yasemin Yavuz Yaşar Yeşim Yilmaz Yiğit Yucel Yücel Yılmaz Zafer Zeki Zeynep Ziya
    Zuhal Çağlar Çiğdem Ömer Özgür Özlem Ümit Şule Şükrü
    """,
    "Hebrew and Israeli": """
    Agam Aharon Almog Alon Amichai Amiram Amit Amnon Amos Anat Ari Ariel Arik Arye Aryeh
    Asher Avi Avichai Avigdor Avinatan Avishai Aviva Avner Avraham Ayala Ayelet Benny
    Bezalel Binyamin Boaz Chaim Dafna Daniella Doron Dov Dror Dudi Dvora Eden Efraim
    Ehud Einat Eitan Elad Elazar Eli Eliezer Eliyahu Emanuel Emily Ephraim Etan Evyatar
    Eyal Ezer Gabi Gadi Gali Galit Gershon Gideon Gil Gila Gilad Golda Hadar Hadas Hagai
    Haggai Hagit Haim Hersh Herzl Hezi Hila Hillel Idan Idit Ilan Inbal Inbar Itai
    Itamar Itay Itzik Keren Kfir Liat Limor Lior Liri Matan Meir Meirav Menachem Menahem
    Menashe Mendel Merav Meshulam Micha Michal Miki Miri Moran Mordechai Moshe Moti
    Motti Naama Nachman Nadav Naftali Nahum Naor Natan Nava Nili Nir Nitzan Noa Noam
    Ofer Ofir Ofri Ohad Omer Omri Ora Oren Orit Orly Orna Osnat Pini Pnina Rafi Raz
    Reuma Reuven Revital Rivka Rivkah Romi Ronen Roni Ronit Ruti Sagi Sarit Shai Shani
    Shaul Shay Shimon Shira Shiri Shlomo Shmuel Shulamit Sigal Simcha Sivan Smadar Tal
    Tali Tamar Tehila Tomer Tova Tzachi Tzahi Tzipi Tzipora Tzvi Tzvika Uri Uzi Yaakov
    Yael Yair Yarden Yariv Yechezkel Yechiel Yehezkel Yehiel Yehoshua Yehuda Yehudit
    Yifat Yigael Yigal Yitzhak Yoav Yocheved Yoel Yonatan Yoni Yonit Yoram Yosef Yossi
    Yuli Yuval Zalman Zeev Ziv Zvi
    """,
    "Western and international (names of diplomats, UN officials, world leaders, journalists)": """
    Aaron Abigail Abraham Achim Adrian Agnes Agnès Alain Alan Alastair Albert Alberto
    Aleksandar Aleksandr Alessandro Alex Alexander Alexandra Alexei Alexey Alexis Alfred
    Alice Alison Alistair Allen Alvaro Amanda Amy Amélie Ana Anastasia Anatoly Anders
    Andre Andrea Andreas Andrei Andrej Andrew Andrey Andriy Andrzej Andrés Andy Angela
    Angelina Angus Ann Anna Annalena Anne Annegret Annette Annika Anniken Anthony Anton
    Antonia Antonin Antonio Antony Aoife Arancha Arkady Arnaud Arnold Artem Arthur
    Artyom Audrey Augusto Barack Barbara Barry Beata Beatrice Begoña Benedetta Benedikt
    Benjamin Benoit Benoît Bernard Bernie Bertie Bertrand Bettina Billy Bob Bobby Bogdan
    Borge Boris Brad Bradley Brandon Brent Bret Brett Brian Brigitte Bruce Bruno Bryan
    Børge Callum Calvin Camilla Carl Carla Carmen Carolina Caroline Carolyn Caspar
    Catherine Cecile Cedric Cesar Chantal Charles Charlie Charlotte Chiara Chris
    Christiane Christina Christine Christoph Christopher Chuck Ciaran Claire Clara
    Clarissa Claudia Claudio Clive Clément Colin Condoleezza Cornelius Cory Craig
    Crispin Cristina Cynthia Cyril Cyrus Cécile Cédric César Dag Dagmar Damien Dan Dana
    Daniel Danielle Danny Daria Dario Darius Darya Dave David Deborah Declan Delphine
    Denis Denise Dennis Denys Derek Desmond Dexter Diana Diane Didier Dieter Dimitri
    Dimitris Dmitri Dmitry Dmytro Dolores Domenico Dominic Dominique Donald Donna Dora
    Douglas Duncan Dwight Eamon Eamonn Eddie Edgar Edgars Edith Edouard Edward Edwin
    Ekaterina Eleanor Elena Elijah Elina Elisabeth Elise Elizabeth Ellen Elliot Elliott
    Elon Elvira Emilio Emma Emmanuel Enda Enrico Enzo Eric Erich Erik Erkki Erna Ernest
    Ernesto Espen Esther Eugene Eva Evangelos Evgeny Ewa Ewan Ezra Fabien Fabio Fabrice
    Fareed Federica Felipe Felix Fergus Fernando Filippo Fiona Florence Florian Folke
    Frances Francesca Francesco Francis Francois Franklin Frans Franziska François Fred
    Frederic Frederick Friedrich Frédéric Fyodor Gabriel Gabriela Gabriella Galina Gary
    Geert Geir Gennady George Georgina Gerald Gerard Gerhard Gianni Gilles Gillian
    Giorgia Giorgio Giorgos Giovanni Gitanas Giuseppe Glenn Gordon Greg Gregory Grigory
    Gudrun Guido Guillaume Gunnar Gunther Gustav Gustavo Gérald Gérard Günter Günther
    Hamish Hanke Hans Harold Harriet Harry Harvey Heather Hector Heike Heiko Heinrich
    Helen Helene Helle Helmut Henry Herbert Hermann Herve Hervé Hilary Hillary Horst
    Howard Hubert Hugh Hugo Hélène Iain Ian Ignacio Igor Ine Ingrid Irene Irina Isaac
    Isabel Isabelle Ivan Ivanka Jack Jacob Jacqueline Jacques Jakob Jamaal James Jamie
    Jana Jane Janet Janine Jared Jaroslaw Jarosław Jason Javier Jean Jeanine Jeff
    Jeffrey Jen Jennifer Jens Jeppe Jeremiah Jeremy Jeroen Jerome Jerry Jesse Jessica
    Jill Jim Jimmy Joachim Joanna Joanne Joaquin Jochen Joe Joel Joerg Johann Johanna
    John Johnny Jomana Jon Jonas Jonathan Joost Jorge Joschka Jose Josep Joseph
    Josephine Josh Joshua José Judith Judy Julia Julian Julie Julien Juliet Juliette
    Julio Jurgen Jussi Justin Ján Jérôme Jörg Jürgen Kaja Kamala Karen Karin Karine Karl
    Karsten Kash Katalin Kate Katerina Katherine Kathleen Kathryn Katrin Kayleigh Kees
    Keir Keith Ken Kenneth Kersti Kevin Kimberly Kirill Kirk Kirsten Klaus Kofi Konrad
    Konstantin Konstantinos Kristalina Kristen Kristi Ksenia Kurt Kyle Kyriakos Kyrylo
    Larry Lars Laura Lauren Laurence Laurent Lawrence Lech Lena Leo Leon Leonard Leonid
    Leonie Lewis Linda Lindsay Lindsey Lionel Lisa Lise Liz Lloyd Lorenzo Lorna Lothar
    Louis Louise Luc Luca Lucia Lucy Ludmila Ludovic Luigi Luis Luisa Lyndon Lynn Lyse
    Lyudmila Maarten Madeleine Madeline Magdalena Malachi Malcolm Manfred Manuel Marc
    Marcel Marcelo Marco Marcus Margaret Margarethe Margot Maria Mariana Marianne
    Mariano Marie Marina Mario Marion Marjorie Markus Marta Martha Martin Martine Martti
    Mary Massimo Mateo Mateusz Mathieu Mathilde Matt Matteo Matthew Matthias Matthieu
    Maurice Mauricio Max Maxim Megan Melissa Mercedes Mette Micah Michael Michele
    Michelle Micheál Miguel Mike Mikhail Milorad Mirek Miriam Mirjana Mitch Mitchell
    Monika Monique Mykola Nadezhda Nancy Natalia Natalya Natasha Nathalie Nathan
    Nathaniel Navi Ned Neil Nelson Niamh Nic Nicholas Nick Nicola Nicolas Nicole Nicolás
    Nicos Nigel Nikita Nikki Nikolai Nikolaos Nikolay Nikos Nina Norbert Norman Olaf Ole
    Oleg Oleksandr Oleksiy Olga Olivier Olof Orla Oscar Otto Pablo Pamela Paola Paolo
    Pascal Pascale Patrice Patricia Patrick Paul Pavel Pedro Peggy Pekka Pete Peter
    Petro Petteri Philip Philippe Phillip Pierre Piet Pieter Pilar Priti Pyotr Péter
    Quentin Rachel Radoslaw Radosław Rafael Rageh Rainer Ralph Ramzan Raphael Raphaël
    Raul Raúl Rebecca Reinhard Remy Rex Ricardo Richard Rick Rishi Robert Rodrigo Roger
    Roland Rolando Rolf Romano Ron Ronald Rory Rosa Rosalind Rosemary Ross Roy Rupert
    Ruslan Russell Rustem Rutger Ruth Ruud Ryan Ryszard Rémi Sabine Sahra Sally
    Salvatore Sam Samantha Samuel Sandrine Sandro Sanna Sara Sarah Sauli Sean Sebastien
    Sergei Sergey Sergio Seth Seymour Seán Shane Shawn Sheila Sigmar Sigrid Silvio Simon
    Siobhan Slobodan Sonia Sophie Staffan Stanislav Stanley Stefan Stefanie Stefano
    Steffen Stella Steny Stephane Stephanie Stephen Steve Steven Stéphane Suella Susan
    Sven Svenja Svetlana Sylvain Sylvie Sébastien Ségolène Tammy Taras Tatiana Tatyana
    Ted Teresa Terry Theodore Theresa Thibault Thierry Thomas Thorsten Tim Timothy Tina
    Tino Tobias Todd Tom Tommy Tony Tor Torbjørn Torsten Travis Tristan Trond Tucker
    Tulsi Tyler Ulf Ulrich Ulrike Urmas Ursula Uwe Vadim Vadym Valentina Valerie Valery
    Valérie Vanessa Vasily Vassily Vedant Veronique Victor Viktor Viktoria Vincent
    Virginie Vitaly Vittorio Vivek Vladimir Volker Volodymyr Vyacheslav Véronique Walter
    Warren Wayne Wendy Werner Wesley Wilhelm Willem William Wim Witold Wolfgang Woodrow
    Wopke Wouter Xabier Xavier Yannick Yannis Yaroslav Yekaterina Yevgeny Yolanda
    Yolande Yulia Yuri Yves Yvette Yvonne Zachary Zalmay Zbigniew Zoe Zoran Álvaro Édith
    Édouard Élisabeth Émilie Éric
    """,
    "South and East Asian and African (common in regional news)": """
    Abdiqani Abdourahamane Abiy Aissata Ajay Ajit Akua Alassane Aliko Amadou Aminata
    Amrullah Anies Anil Anjali Anura Arvind Ashok Asif Asim Assimi Atal Ayaan Babatunde
    Bassirou Benazir Bilawal Bola Chimamanda Chinua Corazon Debretsion Deepak Demeke
    Diomaye Emmerson Faduma Fadumo Fatou Fatoumata Faure Fawzia Femi Ferdinand Fumio
    Getachew Gotabaya Graça Gulbuddin Hage Haibatullah Haile Hailemariam Hasina
    Hibatullah Hideki Hodan Ibrahima Imelda Imran Indira Isaias Jakaya Jinping Joko
    Julius Junichiro Jusuf Kadiatou Kalonzo Kavita Kemi Kenji Keqiang Kgalema Khaleda
    Kwame Kwesi Lakshmi Macky Mahamadou Mahamat Mahathir Mahesh Mahinda Malala Mamadou
    Mamata Manet Manmohan Masahiro Megawati Meles Mengistu Moctar Mokgweetsi Muhammadu
    Muhyiddin Naledi Narendra Nawaz Ngozi Nimco Nirmala Nitin Nkosazana Olusegun Ousmane
    Parvez Pervez Piyush Pooja Prabowo Pradeep Priya Priyanka Qiang Rahmatullah Rahul
    Raila Rajesh Rajiv Ramesh Ranil Ravi Retno Riek Sadia Sahle Sajeeb Salva Sanjay
    Shahbaz Shashi Shehbaz Shigeru Shinzo Sirajuddin Sunil Sunita Suresh Sushma Susilo
    Taban Tarique Taro Tedros Thabo Tharman Toshimitsu Tunde Uhuru Umaru Vijay Vivian
    Winnie Wole Yemi Yoko Yoshihide Yoshiko Yoshimasa Yoweri Yukiya Zabihullah Zulfikar
    Zulfiqar
    """,
}

GIVEN_NAMES = frozenset(name.casefold() for names in _GROUPS.values() for name in names.split())
