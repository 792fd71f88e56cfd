-- Reference data: admin-extendable lists with stable codes and labels in both languages.
CREATE TABLE taxonomy_terms (
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL,
    label_zh    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    grp         TEXT,            -- domain: hot|frontier; pilot zone: national|provincial|city
    parent_code TEXT,            -- pilot zone: its district
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '2026-11-29T00:00:00Z',
    PRIMARY KEY (kind, code)
);

INSERT INTO taxonomy_terms (kind, code, label_zh, label_en, grp, parent_code, sort_order) VALUES
-- 5 hot potential industries (五大风口潜力产业)
('domain', 'gen_ai',          '生成式人工智能', 'Generative AI',                 'hot', NULL, 10),
('domain', 'low_altitude',    '低空经济',       'Low-altitude economy',          'hot', NULL, 20),
('domain', 'humanoid_robots', '人形机器人',     'Humanoid robots',               'hot', NULL, 30),
('domain', 'brain_inspired',  '类脑智能',       'Brain-inspired intelligence',   'hot', NULL, 40),
('domain', 'synthetic_bio',   '合成生物',       'Synthetic biology',             'hot', NULL, 50),
-- X frontier fields (X个前沿领域)
('domain', 'metaverse',       '元宇宙',         'Metaverse',                     'frontier', NULL, 60),
('domain', 'future_networks', '未来网络',       'Future networks',               'frontier', NULL, 70),
('domain', 'quantum',         '量子科技',       'Quantum technology',            'frontier', NULL, 80),
('domain', 'advanced_energy', '先进能源',       'Advanced energy',               'frontier', NULL, 90),
('domain', 'new_materials',   '前沿新材料',     'Frontier new materials',        'frontier', NULL, 100),
-- Hangzhou's districts and counties
('district', 'shangcheng', '上城区', 'Shangcheng', NULL, NULL, 10),
('district', 'gongshu',    '拱墅区', 'Gongshu',    NULL, NULL, 20),
('district', 'xihu',       '西湖区', 'Xihu',       NULL, NULL, 30),
('district', 'binjiang',   '滨江区', 'Binjiang',   NULL, NULL, 40),
('district', 'xiaoshan',   '萧山区', 'Xiaoshan',   NULL, NULL, 50),
('district', 'yuhang',     '余杭区', 'Yuhang',     NULL, NULL, 60),
('district', 'linping',    '临平区', 'Linping',    NULL, NULL, 70),
('district', 'qiantang',   '钱塘区', 'Qiantang',   NULL, NULL, 80),
('district', 'fuyang',     '富阳区', 'Fuyang',     NULL, NULL, 90),
('district', 'linan',      '临安区', 'Lin''an',    NULL, NULL, 100),
('district', 'tonglu',     '桐庐县', 'Tonglu',     NULL, NULL, 110),
('district', 'chunan',     '淳安县', 'Chun''an',   NULL, NULL, 120),
('district', 'jiande',     '建德市', 'Jiande',     NULL, NULL, 130),
-- Pilot zones (未来产业先导区): starting entries on parks and characteristic towns; admins add the rest.
('pilot_zone', 'yuhang_future_sci_city', '未来科技城人工智能先导区',     'Future Sci-Tech City AI pilot zone',        'provincial', 'yuhang',   10),
('pilot_zone', 'binjiang_iot_town',      '滨江物联网小镇未来网络先导区', 'Binjiang IoT Town future-networks pilot zone', 'city',     'binjiang', 20),
('pilot_zone', 'xihu_yunqi_town',        '云栖小镇元宇宙先导区',         'Yunqi Town metaverse pilot zone',           'city',       'xihu',     30),
('pilot_zone', 'qiantang_medical_port',  '钱塘医药港合成生物先导区',     'Qiantang Medical Port synthetic-biology pilot zone', 'provincial', 'qiantang', 40),
('pilot_zone', 'xiaoshan_low_altitude',  '萧山低空经济先导区',           'Xiaoshan low-altitude economy pilot zone',  'city',       'xiaoshan', 50),
('pilot_zone', 'linping_new_materials',  '临平新材料先导区',             'Linping new-materials pilot zone',          'city',       'linping',  60),
('pilot_zone', 'fuyang_robotics',        '富阳人形机器人先导区',         'Fuyang humanoid-robotics pilot zone',       'city',       'fuyang',   70),
('pilot_zone', 'linan_quantum',          '青山湖科技城量子科技先导区',   'Qingshan Lake quantum pilot zone',          'city',       'linan',    80),
-- Enterprise tiers
('enterprise_tier', 'kunpeng',           '鲲鹏企业',           'Kunpeng flagship enterprise',            NULL, NULL, 10),
('enterprise_tier', 'chain_leader',      '链主企业',           'Supply-chain leader',                    NULL, NULL, 20),
('enterprise_tier', 'single_champion',   '单项冠军',           'Single-product champion',                NULL, NULL, 30),
('enterprise_tier', 'little_giant',      '专精特新“小巨人”',   'Specialized "little giant"',             NULL, NULL, 40),
('enterprise_tier', 'unicorn',           '独角兽',             'Unicorn',                                NULL, NULL, 50),
('enterprise_tier', 'tech_little_giant', '科技“小巨人”',       'Tech "little giant"',                    NULL, NULL, 60),
('enterprise_tier', 'tech_leader',       '科技型领军企业',     'Technology leader',                      NULL, NULL, 70),
('enterprise_tier', 'high_growth',       '高成长性企业',       'High-growth enterprise',                 NULL, NULL, 80),
('enterprise_tier', 'tech_sme',          '科技型中小企业',     'Tech SME',                               NULL, NULL, 90),
('enterprise_tier', 'high_tech',         '高新技术企业',       'Certified high-tech enterprise',         NULL, NULL, 100),
-- Lab and research sub-types
('lab_subtype', 'national_lab',        '国家级 / 省级实验室',       'National or provincial laboratory',          NULL, NULL, 10),
('lab_subtype', 'research_institute',  '科研院所 / 高校',           'Research institute or university',           NULL, NULL, 20),
('lab_subtype', 'poc_center',          '概念验证中心',              'Proof-of-concept center',                    NULL, NULL, 30),
('lab_subtype', 'innovation_center',   '制造业 / 技术创新中心',     'Manufacturing or technology innovation center', NULL, NULL, 40),
('lab_subtype', 'innovation_consortium','创新联合体',               'Innovation consortium',                      NULL, NULL, 50),
('lab_subtype', 'enterprise_tech_center','企业技术中心',            'Enterprise technology center',               NULL, NULL, 60),
-- Investor types
('investor_type', 'guidance_fund', '政府引导基金', 'Government guidance fund', NULL, NULL, 10),
('investor_type', 'industry_fund', '产业基金',     'Industry fund',            NULL, NULL, 20),
('investor_type', 'vc_pe',         '创投 / 私募股权', 'VC / PE',              NULL, NULL, 30),
('investor_type', 'angel',         '天使投资',     'Angel investor',           NULL, NULL, 40),
('investor_type', 'corporate_vc',  '产业资本 / CVC', 'Corporate VC',          NULL, NULL, 50),
-- Investment stages
('investment_stage', 'seed',    '种子轮',  'Seed',    NULL, NULL, 10),
('investment_stage', 'angel',   '天使轮',  'Angel',   NULL, NULL, 20),
('investment_stage', 'series_a','A轮',     'Series A', NULL, NULL, 30),
('investment_stage', 'series_b','B轮',     'Series B', NULL, NULL, 40),
('investment_stage', 'series_c_plus','C轮及以后', 'Series C+', NULL, NULL, 50),
('investment_stage', 'pre_ipo', 'Pre-IPO', 'Pre-IPO', NULL, NULL, 60),
-- Scenario categories
('scenario_category', 'future_lab',       '未来实验室', 'Future laboratory',   NULL, NULL, 10),
('scenario_category', 'future_community', '未来社区',   'Future community',    NULL, NULL, 20),
('scenario_category', 'future_factory',   '未来工厂',   'Future factory',      NULL, NULL, 30),
('scenario_category', 'future_hospital',  '未来医院',   'Future hospital',     NULL, NULL, 40),
('scenario_category', 'future_commerce',  '未来商业',   'Future commerce',     NULL, NULL, 50),
('scenario_category', 'future_agriculture','未来农业',  'Future agriculture',  NULL, NULL, 60),
('scenario_category', 'healthcare',       '医疗健康',   'Healthcare',          NULL, NULL, 70),
('scenario_category', 'smart_transport',  '智慧交通',   'Smart transport',     NULL, NULL, 80),
('scenario_category', 'city_management',  '城市治理',   'City management',     NULL, NULL, 90),
('scenario_category', 'manufacturing',    '智能制造',   'Smart manufacturing', NULL, NULL, 100);
