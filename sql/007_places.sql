-- A starting set of places; more are added on the Places screen.
INSERT IGNORE INTO places (parent_id, level, name) VALUES (NULL, 'country', 'ایران'), (NULL, 'country', 'Türkiye');
INSERT IGNORE INTO places (parent_id, level, name)
SELECT c.id, 'province', v.name FROM places c
JOIN (SELECT 'تهران' AS name UNION ALL SELECT 'فارس' UNION ALL SELECT 'اصفهان' UNION ALL SELECT 'خراسان رضوی'
      UNION ALL SELECT 'آذربایجان شرقی') v
WHERE c.name = 'ایران' AND c.level = 'country';
INSERT IGNORE INTO places (parent_id, level, name)
SELECT c.id, 'province', v.name FROM places c
JOIN (SELECT 'İstanbul' AS name UNION ALL SELECT 'Ankara' UNION ALL SELECT 'İzmir') v
WHERE c.name = 'Türkiye' AND c.level = 'country';
INSERT IGNORE INTO places (parent_id, level, name)
SELECT p.id, 'city', v.city FROM places p
JOIN (SELECT 'تهران' AS province, 'تهران' AS city UNION ALL SELECT 'فارس', 'شیراز' UNION ALL SELECT 'اصفهان', 'اصفهان'
      UNION ALL SELECT 'خراسان رضوی', 'مشهد' UNION ALL SELECT 'آذربایجان شرقی', 'تبریز' UNION ALL SELECT 'İstanbul', 'İstanbul'
      UNION ALL SELECT 'Ankara', 'Ankara' UNION ALL SELECT 'İzmir', 'İzmir') v ON v.province = p.name
WHERE p.level = 'province';
